"""The sign-in form in the site's words (ACCOUNT_FORMS["login"]).

Apart from forms.py for the reason signup.py is: allauth's form module imports
forms.py as it loads.
"""

from allauth.account.forms import LoginForm as AllauthLoginForm
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .forms import relabel


class LoginForm(AllauthLoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        relabel(
            self,
            {
                "login": _("Email address"),
                "password": _("Password"),
                "remember": _("Keep me signed in on this device"),
            },
        )
        self.fields["password"].help_text = format_html(
            '<a href="{}">{}</a>', reverse("account_reset_password"), _("Forgotten your password?")
        )
