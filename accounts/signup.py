"""The sign-up form: as slow for an address that has an account as for a new one.

Apart from forms.py because allauth's form module imports SignupExtraForm from
there (ACCOUNT_SIGNUP_FORM_CLASS) as it loads.
"""

from allauth.account.forms import SignupForm as AllauthSignupForm
from django.contrib.auth.hashers import make_password
from django.utils.translation import gettext_lazy as _

from .forms import relabel


class SignupForm(AllauthSignupForm):
    """allauth's form (ACCOUNT_FORMS["signup"]), hashing the password on both paths."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # password1 keeps allauth's help text: the rules of AUTH_PASSWORD_VALIDATORS.
        relabel(
            self,
            {
                "email": _("Email address"),
                "password1": _("Create a password"),
                "password2": _("Type the password again"),
            },
        )
        self.fields["email"].help_text = _("You will use it to sign in.")

    def try_save(self, request):
        if self.account_already_exists:
            # allauth creates no account here; it emails the owner, as a new
            # sign-up emails its address, but skips the password hash, most of a
            # second. Hash and discard, as Django's ModelBackend does for unknown
            # users, so that the answer time does not tell the address is taken.
            make_password(self.cleaned_data.get("password1"))
        return super().try_save(request)
