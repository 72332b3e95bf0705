"""Snippet choosers and bulk deletion that ask the model's permission policy.

Wagtail's snippet choosers list, and answer by id, every instance of a model to anyone who
may use the admin, and the page confirming a bulk deletion names every object asked for,
even those the person may not delete: neither asks the model's permissions (by design, see
wagtail/wagtail#14272). Here a chooser shows only the objects that the model's registered
permission policy lets the person see in its listing, and a bulk deletion is refused to
those it does not let delete, as the single deletion is.
"""

from django.core.exceptions import PermissionDenied
from wagtail.permissions import policy_registry
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.views import chooser

# What a snippet listing asks of whoever opens it (wagtail.admin.views.generic.models.IndexView).
LISTING_PERMISSIONS = ["add", "change", "delete", "view"]


class _PermittedObjects:
    def get_permitted_objects(self):
        policy = policy_registry.get_by_type(self.model_class)
        return policy.instances_user_has_any_permission_for(self.request.user, LISTING_PERMISSIONS)


class ChooseView(_PermittedObjects, chooser.ChooseView):
    def get_object_list(self):
        return self.get_permitted_objects()


class ChooseResultsView(_PermittedObjects, chooser.ChooseResultsView):
    def get_object_list(self):
        return self.get_permitted_objects()


class ChosenView(_PermittedObjects, chooser.SnippetChosenView):
    def get_object(self, pk):
        return self.get_permitted_objects().get(pk=pk)


class ChosenMultipleView(_PermittedObjects, chooser.SnippetChosenMultipleView):
    def get_objects(self, pks):
        return self.get_permitted_objects().filter(pk__in=pks)


class PermissionCheckedChooserViewSet(chooser.SnippetChooserViewSet):
    """For ``SnippetViewSet.chooser_viewset_class``. Creating from the chooser already asks
    the policy for "add"."""

    choose_view_class = ChooseView
    choose_results_view_class = ChooseResultsView
    chosen_view_class = ChosenView
    chosen_multiple_view_class = ChosenMultipleView


class PermissionCheckedDeleteBulkAction(DeleteBulkAction):
    """Register for the app's snippet models with ``order=1``, to replace Wagtail's own."""

    def dispatch(self, request, *args, **kwargs):
        if not self.permission_policy.user_has_permission(request.user, "delete"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)
