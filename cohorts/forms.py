from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kernel.characters import validate_one_line
from kernel.submissions import SubmittedOnce

from .models import Cohort, ExpressionOfInterest, Organisation, Role


class OrganisationChoiceMixin(forms.Form):
    """Pick an organisation from the list, or type a new name (checked later by staff)."""

    organisation = forms.ModelChoiceField(
        label=_("Your organisation"),
        queryset=Organisation.objects.order_by("name"),
        required=False,
        empty_label=_("— not in the list —"),
    )
    new_organisation = forms.CharField(
        label=_("Or type its name"),
        max_length=200,
        required=False,
        validators=[validate_one_line],
        help_text=_("If your organisation is not in the list. Staff check new names."),
    )

    def clean(self):
        cleaned = super().clean()
        picked, typed = cleaned.get("organisation"), (cleaned.get("new_organisation") or "").strip()
        if picked and typed:
            raise ValidationError(
                _("Pick your organisation from the list or type a new one, not both.")
            )
        if not picked and not typed and self.organisation_required:
            self.add_error("organisation", _("Pick your organisation, or type its name below."))
        cleaned["new_organisation"] = typed
        return cleaned

    organisation_required = True


class InterestForm(OrganisationChoiceMixin):
    role_in_organisation = forms.CharField(
        label=_("Your role there"),
        max_length=200,
        help_text=ExpressionOfInterest._meta.get_field("role_in_organisation").help_text,
    )
    wants_to_work_on = forms.CharField(
        label=_("What you want to work on"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=ExpressionOfInterest._meta.get_field("wants_to_work_on").help_text,
    )


class CohortForm(SubmittedOnce, forms.ModelForm):
    class Meta:
        model = Cohort
        fields = ["name", "place", "starts_on", "ends_on", "capacity"]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "ends_on": forms.DateInput(attrs={"type": "date"}),
        }

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on <= starts_on:
            self.add_error("ends_on", _("The cohort must end after it starts."))
        return cleaned


class InviteByEmailForm(SubmittedOnce):
    email = forms.EmailField(label=_("Email address"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.PARTICIPANT)


class InviteInterestedForm(SubmittedOnce):
    """One click on the interest list: invite this person in this role."""

    interest = forms.IntegerField(widget=forms.HiddenInput)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.PARTICIPANT)


class AcceptInvitationForm(OrganisationChoiceMixin):
    role_in_organisation = forms.CharField(
        label=_("Your role there"),
        max_length=200,
        required=False,
        help_text=_("In your own words. Never used to rank anyone."),
    )
    confirm_other_email = forms.BooleanField(required=False)

    def __init__(self, *args, invitation, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.invitation = invitation
        self.email_differs = user.email.lower() != invitation.email.lower()
        # The facilitator may already know the organisation, from the interest list.
        self.organisation_required = invitation.organisation_id is None
        if invitation.organisation_id:
            del self.fields["organisation"]
            del self.fields["new_organisation"]
        if not self.email_differs:
            del self.fields["confirm_other_email"]
        else:
            self.fields["confirm_other_email"].label = _(
                "I understand this invitation was sent to another address, and I want to join "
                "with this account."
            )

    def clean(self):
        cleaned = super().clean() if "organisation" in self.fields else forms.Form.clean(self)
        if self.email_differs and not cleaned.get("confirm_other_email"):
            self.add_error(
                "confirm_other_email",
                _("Please confirm that you want to join with this account."),
            )
        return cleaned


class ChangeRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
