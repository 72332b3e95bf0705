from django import forms
from django.utils.translation import gettext_lazy as _

from inquiries.forms import BODY_MESSAGES
from inquiries.models import BODY_MAX_LENGTH
from kernel.submissions import SubmittedOnce

from .models import WeeknoteDraft


class EntryChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, entry):
        return _("%(kind)s, %(day)s: %(start)s") % {
            "kind": entry.get_kind_display(),
            "day": entry.occurred_on.strftime("%-d %B"),
            "start": " ".join(entry.body.split())[:90],
        }


class DraftStartForm(SubmittedOnce):
    """Which entries of the cycle a new draft draws on; only these leave the inquiry."""

    entries = EntryChoiceField(
        queryset=None,
        label=_("Entries to draw on"),
        help_text=_(
            "Their text is copied into your draft for you to edit. Nothing is published "
            "until you submit it and an editor approves it."
        ),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one entry to draw on.")},
    )

    def __init__(self, *args, cycle, **kwargs):
        super().__init__(*args, **kwargs)
        # Nothing is ticked: each entry that leaves the inquiry is one its writer chose.
        self.fields["entries"].queryset = cycle.entries.order_by("occurred_on", "pk")


class DraftForm(forms.ModelForm):
    class Meta:
        model = WeeknoteDraft
        fields = ["title", "week_of", "summary", "body", "tags"]
        widgets = {
            "week_of": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "summary": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 18}),
        }
        error_messages = {"body": BODY_MESSAGES}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["summary"].required = True
        self.fields["body"].max_length = BODY_MAX_LENGTH
        self.fields["week_of"].help_text = _("Any day of the week: the Monday is kept.")


class DraftCommentForm(SubmittedOnce):
    body = forms.CharField(
        label=_("Your comment"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=BODY_MAX_LENGTH // 2,
        help_text=_("Markdown. The writer and their coaches can read it, nobody else."),
        error_messages={
            "required": _("Write something before you send it."),
            "max_length": BODY_MESSAGES["max_length"],
        },
    )
