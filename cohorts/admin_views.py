"""Wagtail admin screens for cohorts: creating and changing cohorts through the same
services as the site, and merging organisations."""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import log
from wagtail.snippets.views import snippets as snippet_views

from accounts.groups import programme_staff

from .models import Organisation
from .services import cohort_create, cohort_update, organisation_merge


class CohortCreateForm(WagtailAdminModelForm):
    """A new cohort needs a first facilitator to run it: a person, never the staff member
    creating it, who manages every cohort without belonging to any."""

    facilitator = forms.ModelChoiceField(
        label=gettext_lazy("First facilitator"),
        queryset=get_user_model()
        .objects.filter(is_active=True)
        .exclude(pk__in=programme_staff())
        .order_by("display_name", "email"),
        help_text=gettext_lazy(
            "The person who runs the cohort and invites its members. "
            "Staff never become members themselves."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facilitator"].label_from_instance = lambda user: (
            f"{user.public_name} <{user.email}>"
        )

    def clean_facilitator(self):
        facilitator = self.cleaned_data["facilitator"]
        if facilitator == self.for_user:
            raise ValidationError(_("Choose someone else: staff never become members themselves."))
        return facilitator


class ServiceErrorsOnTheForm:
    """A refusal from a service shows on the form, as the form's own errors do."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            form.add_error(None, error)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class CohortCreateView(ServiceErrorsOnTheForm, snippet_views.CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        cohort = cohort_create(
            creator=self.request.user,
            facilitator=data["facilitator"],
            issue=data["issue"],
            name=data["name"],
            place=data["place"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            capacity=data["capacity"],
        )
        log(instance=cohort, action="wagtail.create", user=self.request.user)
        return cohort


class CohortEditView(ServiceErrorsOnTheForm, snippet_views.EditView):
    def save_instance(self):
        data = self.form.cleaned_data
        cohort = cohort_update(
            cohort=self.object,
            actor=self.request.user,
            name=data["name"],
            slug=data["slug"],
            issue=data["issue"],
            place=data["place"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            capacity=data["capacity"],
            status=data["status"],
        )
        log(
            instance=cohort,
            action="wagtail.edit",
            user=self.request.user,
            content_changed=self.form.has_changed(),
        )
        return cohort


class OrganisationMergeForm(forms.Form):
    source = forms.ModelChoiceField(
        label=gettext_lazy("Duplicate to remove"),
        queryset=Organisation.objects.order_by("verified", "name"),
        help_text=gettext_lazy("Its members, invitations and interests move to the one below."),
    )
    target = forms.ModelChoiceField(
        label=gettext_lazy("Organisation to keep"),
        queryset=Organisation.objects.order_by("-verified", "name"),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("source") and cleaned.get("source") == cleaned.get("target"):
            # On the field: Wagtail's generic form template shows no form-wide errors.
            self.add_error("target", _("Choose two different organisations to merge."))
        return cleaned


class OrganisationMergeView(WagtailAdminTemplateMixin, FormView):
    page_title = gettext_lazy("Merge organisations")
    header_icon = "group"
    template_name = "wagtailadmin/generic/form.html"
    form_class = OrganisationMergeForm

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("cohorts.delete_organisation"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {"source": self.request.GET.get("source")}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            action_url=reverse("cohorts_organisation_merge"),
            submit_button_label=_("Merge"),
            **kwargs,
        )

    def form_valid(self, form):
        source, target = form.cleaned_data["source"], form.cleaned_data["target"]
        source_name = source.name
        organisation_merge(source=source, target=target)
        messages.success(
            self.request,
            _("“%(source)s” is merged into “%(target)s”.")
            % {"source": source_name, "target": target.name},
        )
        return redirect(reverse("wagtailsnippets_cohorts_organisation:list"))
