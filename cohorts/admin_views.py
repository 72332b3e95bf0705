"""Wagtail admin screens for cohorts beyond the snippet listings."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .models import Organisation
from .services import organisation_merge


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
