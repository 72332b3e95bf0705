from django import forms
from django.utils.translation import gettext_lazy as _

from kernel.characters import validate_one_line

from .deletion import DeletionChoices
from .models import User


class SignupExtraForm(forms.Form):
    """The fields Cylch adds to allauth's sign-up form (ACCOUNT_SIGNUP_FORM_CLASS)."""

    display_name = forms.CharField(
        label=_("Display name"),
        max_length=100,
        validators=[validate_one_line],
        help_text=_(
            "How your name appears to others, e.g. on weeknotes you publish. "
            "You can change it later."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    def signup(self, request, user):
        user.display_name = self.cleaned_data["display_name"].strip()
        user.save(update_fields=["display_name"])


class ProfileForm(forms.ModelForm):
    # Required, so that nobody's email address ever stands in for their name.
    display_name = forms.CharField(label=_("Display name"), max_length=100)

    class Meta:
        model = User
        fields = ["display_name"]
        widgets = {"display_name": forms.TextInput(attrs={"autocomplete": "name"})}

    def clean_display_name(self):
        return self.cleaned_data["display_name"].strip()


def relabel(form: forms.BaseForm, labels: dict[str, str]) -> None:
    """Give allauth's fields our words, and take away their placeholders.

    A placeholder that repeats the label vanishes as one types, and is read out
    twice by screen readers; the label says it once and stays.
    """
    for name, field in form.fields.items():
        field.widget.attrs.pop("placeholder", None)
        if name in labels:
            field.label = labels[name]


class DeleteAccountForm(forms.Form):
    """The last step before an account goes: how published weeknotes will name the
    person, and their password, so nobody at an unlocked computer can do it for them."""

    byline = forms.ChoiceField(
        label=_("Your name on published weeknotes"),
        choices=[
            ("keep", _("Keep my name on them")),
            ("former", _("Show “A former participant” instead")),
        ],
        initial="keep",
        widget=forms.RadioSelect,
    )
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password. Nothing has been deleted."))
        return password


class StaffDeletionForm(forms.Form):
    """Staff deleting someone's account choose how published weeknotes name them. The
    default takes the name off: the person is not there to say they want it kept, and
    a name taken off too readily costs less than one left up against their wish."""

    byline = forms.ChoiceField(
        label=_("Their name on published weeknotes"),
        choices=[
            ("former", _("Show “A former participant” instead")),
            ("keep", _("Keep their name on them")),
        ],
        initial="former",
        widget=forms.RadioSelect,
        help_text=_("Keep it only if they asked for their name to stay."),
    )

    def choices(self) -> DeletionChoices:
        return DeletionChoices(keep_byline=self.cleaned_data["byline"] == "keep", by_staff=True)
