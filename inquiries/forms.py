from django import forms
from django.utils.translation import gettext_lazy as _

from cohorts.models import Cohort, CohortStatus
from kernel.submissions import SubmittedOnce

from .models import (
    BODY_MAX_LENGTH,
    Cycle,
    EmailChoice,
    Entry,
    EntryKind,
    Inquiry,
    Phase,
    Visibility,
)

REFLECTION_PROMPTS = _("## What happened\n\n\n## So what\n\n\n## Now what\n\n")

BODY_MESSAGES = {
    "required": _("Write something before you save: the text is empty."),
    "max_length": _(
        "Keep it under %(limit_value)s characters: this text has %(show_value)s. "
        "Nothing was saved; your text is still here."
    ),
}


class InquiryForm(SubmittedOnce, forms.ModelForm):
    class Meta:
        model = Inquiry
        fields = ["cohort", "title", "question", "why_it_matters", "visibility"]
        widgets = {
            "question": forms.Textarea(attrs={"rows": 3}),
            "why_it_matters": forms.Textarea(attrs={"rows": 5}),
            "visibility": forms.RadioSelect,
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cohort"].queryset = (
            Cohort.objects.for_member(user).exclude(status=CohortStatus.CLOSED).order_by("name")
        )
        self.fields["cohort"].empty_label = None
        self.fields["cohort"].help_text = _("The cohort whose people you work with on this.")


class InquiryEditForm(forms.ModelForm):
    class Meta:
        model = Inquiry
        fields = ["title", "question", "why_it_matters", "status"]
        widgets = {
            "question": forms.Textarea(attrs={"rows": 3}),
            "why_it_matters": forms.Textarea(attrs={"rows": 5}),
        }


class VisibilityForm(forms.Form):
    visibility = forms.ChoiceField(
        label=_("Who can see this inquiry"), choices=Visibility.choices, widget=forms.RadioSelect
    )


class CycleStartForm(SubmittedOnce, forms.ModelForm):
    class Meta:
        model = Cycle
        fields = ["intention"]
        widgets = {"intention": forms.Textarea(attrs={"rows": 4})}


class PhaseForm(forms.Form):
    phase = forms.ChoiceField(label=_("Phase"), choices=Phase.choices)


class CycleCloseForm(forms.ModelForm):
    class Meta:
        model = Cycle
        fields = ["learned", "next_step"]
        widgets = {
            "learned": forms.Textarea(attrs={"rows": 5}),
            "next_step": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["learned"].required = True


class EntryForm(SubmittedOnce, forms.ModelForm):
    """An action log or a reflection. The body keeps what was typed, whatever goes wrong."""

    class Meta:
        model = Entry
        fields = ["occurred_on", "with_whom", "organisations", "body"]
        widgets = {
            "occurred_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "organisations": forms.CheckboxSelectMultiple,
            "body": forms.Textarea(attrs={"rows": 14}),
        }
        error_messages = {"body": BODY_MESSAGES}

    def __init__(self, *args, kind, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.fields["organisations"].queryset = organisations
        body = self.fields["body"]
        body.max_length = BODY_MAX_LENGTH
        body.help_text = _(
            "Markdown: *emphasis*, **strong**, [a link](https://example.org), lists with -. "
            "Use Preview to see it before you save."
        )
        if kind == EntryKind.REFLECTION:
            body.label = _("Your reflection")
            del self.fields["with_whom"]
            del self.fields["organisations"]
            if not self.is_bound and not self.instance.pk:
                self.initial["body"] = str(REFLECTION_PROMPTS)
        else:
            body.label = _("What I did")
            if not organisations.exists():
                del self.fields["organisations"]


class EntryEditForm(EntryForm):
    version = forms.IntegerField(
        widget=forms.HiddenInput,
        error_messages={
            "required": _("This form is out of date: open the entry again from the inquiry."),
            "invalid": _("This form is out of date: open the entry again from the inquiry."),
        },
    )

    def clean(self):
        # A hidden field's error would not show next to anything: say it at the top.
        data = super().clean()
        for error in self.errors.pop("version", []):
            self.add_error(None, error)
        return data


class CommentForm(SubmittedOnce):
    body = forms.CharField(
        label=_("Your comment"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=BODY_MAX_LENGTH // 2,
        help_text=_("Markdown. Everyone who can see this inquiry can read it."),
        error_messages={
            "required": _("Write something before you send it."),
            "max_length": BODY_MESSAGES["max_length"],
        },
    )
    entry = forms.IntegerField(required=False, widget=forms.HiddenInput)
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)


class NotificationSettingsForm(forms.Form):
    """Which emails a person gets; its template gives the choices their legend."""

    email = forms.ChoiceField(choices=EmailChoice.choices, widget=forms.RadioSelect)
    weeknote_reminders = forms.BooleanField(
        required=False,
        label=_("Remind me when I have not shared a weeknote for two weeks"),
        help_text=_(
            "While you are in an active cohort: one friendly reminder at most once a "
            "fortnight, under Notifications and by email as you chose above."
        ),
    )
