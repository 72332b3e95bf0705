from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users import apps as wagtail_users


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")
    personal_data = "accounts.personal_data"  # its part of a person's export

    def ready(self):
        from . import signals  # noqa: F401 - connects the account-change log


class WagtailUsersConfig(wagtail_users.WagtailUsersAppConfig):
    """Wagtail's user admin, where staff change people's names and addresses and nothing
    else (accounts/admin_views.py). Installed in place of ``wagtail.users``."""

    default = False  # "accounts" alone still means AccountsConfig
    user_viewset = "accounts.admin_views.UserViewSet"

    def ready(self):
        super().ready()
        from wagtail.permissions import register_permission_policy

        from .admin_views import PeoplePermissionPolicy
        from .models import User

        register_permission_policy(User, PeoplePermissionPolicy(User))
