"""allauth's forms in the site's words (ACCOUNT_FORMS): labels people read, no placeholders.

Apart from forms.py for the reason signup.py is: allauth's form module imports
forms.py as it loads.
"""

from allauth.account import forms as allauth_forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .forms import relabel

NEW_PASSWORD = {
    "password1": _("New password"),
    "password2": _("Type the new password again"),
}


class InOurWords:
    labels: dict = {}
    # The password field that offers a way out to those who have forgotten it.
    field_with_reset_link = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        relabel(self, self.labels)
        if self.field_with_reset_link in self.fields:
            self.fields[self.field_with_reset_link].help_text = format_html(
                '<a href="{}">{}</a>',
                reverse("account_reset_password"),
                _("Forgotten your password?"),
            )


class LoginForm(InOurWords, allauth_forms.LoginForm):
    labels = {
        "login": _("Email address"),
        "password": _("Password"),
        "remember": _("Keep me signed in on this device"),
    }
    field_with_reset_link = "password"


class ReauthenticateForm(InOurWords, allauth_forms.ReauthenticateForm):
    labels = {"password": _("Password")}
    field_with_reset_link = "password"


class ResetPasswordForm(InOurWords, allauth_forms.ResetPasswordForm):
    labels = {"email": _("Email address")}


class ResetPasswordKeyForm(InOurWords, allauth_forms.ResetPasswordKeyForm):
    labels = NEW_PASSWORD


class ChangePasswordForm(InOurWords, allauth_forms.ChangePasswordForm):
    labels = {"oldpassword": _("Current password"), **NEW_PASSWORD}
    field_with_reset_link = "oldpassword"


class SetPasswordForm(InOurWords, allauth_forms.SetPasswordForm):
    labels = {"password1": _("Password"), "password2": _("Type the password again")}


class AddEmailForm(InOurWords, allauth_forms.AddEmailForm):
    labels = {"email": _("New email address")}
