"""The forms of asks and offers: asking the cohort, closing an ask, offering and replying."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cohorts.models import Sector
from inquiries.selectors import cohort_organisations
from kernel.submissions import SubmittedOnce

from . import asks
from .models import MESSAGE_MAX_LENGTH, Ask


class AskForm(SubmittedOnce, forms.ModelForm):
    sectors = forms.MultipleChoiceField(
        label=_("Sectors that could help"),
        choices=Sector.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Name sectors, organisations, or both."),
    )

    class Meta:
        model = Ask
        fields = ["title", "details", "sectors", "organisations", "inquiry"]
        widgets = {
            "details": forms.Textarea(attrs={"rows": 4}),
            "organisations": forms.CheckboxSelectMultiple,
        }

    field_order = ["title", "details", "sectors", "organisations", "inquiry"]

    def __init__(self, *args, user, cohort, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = cohort_organisations(cohort=cohort)
        self.fields["inquiry"].queryset = asks.my_inquiries_in(user=user, cohort=cohort)
        self.fields["inquiry"].empty_label = _("None")
        if not self.fields["inquiry"].queryset.exists():
            del self.fields["inquiry"]


class AskCloseForm(forms.ModelForm):
    class Meta:
        model = Ask
        fields = ["closing_note"]


class MessageForm(SubmittedOnce):
    body = forms.CharField(
        label=_("Your message"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write a few words before you send it.")},
    )


class OfferForm(MessageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].label = _("How you could help")
        self.fields["body"].help_text = _(
            "A few lines: what you could do, and how to reach you. Only the person who "
            "asked will read it."
        )
