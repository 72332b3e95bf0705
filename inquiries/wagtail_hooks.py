"""Staff see that an inquiry exists (title, owner, cohort), never what is written in it.

A read-only snippet listing: only staff may view it, nobody may add, edit,
copy, delete or inspect through the admin, and no cycle or entry is registered.
Its chooser and bulk deletion ask the same policy, so they show nobody else a title.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from accounts.groups import is_programme_staff, programme_staff
from kernel.snippets import PermissionCheckedChooserViewSet, PermissionCheckedDeleteBulkAction

from .models import Inquiry


class StaffMayOnlyList(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        return action == "view" and is_programme_staff(user)

    def users_with_any_permission(self, actions):
        if "view" not in actions:
            return programme_staff().none()
        return programme_staff()


register_permission_policy(Inquiry, StaffMayOnlyList(Inquiry), exact_class=True)


class InquiryViewSet(SnippetViewSet):
    model = Inquiry
    menu_label = _("Inquiries")
    icon = "list-ul"
    add_to_admin_menu = True
    menu_order = 300
    list_display = ["title", "owner", "cohort", "created_at"]
    list_filter = ["cohort"]
    copy_view_enabled = False
    inspect_view_enabled = False
    chooser_viewset_class = PermissionCheckedChooserViewSet

    def get_queryset(self, request):
        return Inquiry.objects.select_related("owner", "cohort")


register_snippet(InquiryViewSet)


@hooks.register("register_bulk_action", order=1)
class InquiryDeleteBulkAction(PermissionCheckedDeleteBulkAction):
    models = [Inquiry]
