"""Wagtail's user admin, narrowed for staff: people's names and email addresses only.

Operators (superusers) keep Wagtail's own user admin. Staff hold
``accounts.change_user_contact`` instead of Django's ``change_user``, so everything
Wagtail or Django opens to ``change_user`` (passwords, groups, superuser status,
activating, the bulk actions, the Django admin) stays closed to them, and they never
see or change an operator's account.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.log_actions import log
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.users.utils import user_can_delete_user
from wagtail.users.views import users
from wagtail.users.views.bulk_actions.user_bulk_action import UserBulkAction

from . import deletion
from .forms import StaffDeletionForm
from .groups import MODEL_BACKEND
from .models import User

CHANGE_CONTACT = "accounts.change_user_contact"
CHANGE_USER = "accounts.change_user"


class PeoplePermissionPolicy(ModelPermissionPolicy):
    """Changing an account takes Django's change_user, or staff's narrower permission."""

    def user_has_permission(self, user, action):
        if action == "change" and user.has_perm(CHANGE_CONTACT):
            return True
        return super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        users = super().users_with_any_permission(actions)
        if "change" in actions:
            staff = User.objects.with_perm(CHANGE_CONTACT, backend=MODEL_BACKEND)
            return users | staff.distinct()
        return users

    def user_has_permission_for_instance(self, user, action, instance):
        if instance.is_superuser and not user.is_superuser:
            return False
        return self.user_has_permission(user, action)


def reachable_by(user, people=None):
    """The accounts a person may see in the user admin: an operator's only by operators."""
    people = User.objects.all() if people is None else people
    return people if user.is_superuser else people.filter(is_superuser=False)


class ContactForm(forms.ModelForm):
    """What staff may change about a person: their names and their email address."""

    display_name = forms.CharField(label=_("Display name"), max_length=100)

    class Meta:
        model = User
        fields = ["display_name", "first_name", "last_name", "email"]

    def __init__(self, *args, editing_self=False, **kwargs):  # Wagtail's EditView passes it
        super().__init__(*args, **kwargs)

    def clean_display_name(self):
        return self.cleaned_data["display_name"].strip()

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class IndexView(users.IndexView):
    def get_base_queryset(self):
        return reachable_by(self.request.user, super().get_base_queryset())


class EditView(users.EditView):
    def get_queryset(self):
        return reachable_by(self.request.user)

    @property
    def contact_only(self):
        return not self.request.user.has_perm(CHANGE_USER)

    def get_form_class(self):
        return ContactForm if self.contact_only else super().get_form_class()

    def get_template_names(self):
        if self.contact_only:
            return ["wagtailadmin/generic/edit.html"]
        return super().get_template_names()


def delete_accounts(people, form, actor) -> None:
    """Staff's deletion, through the service a person deleting their own account uses."""
    with transaction.atomic():
        for person in people:  # logged while the row exists, as Wagtail's own deletion does
            log(instance=person, action="wagtail.delete", user=actor, deleted=True)
        deletion.delete_accounts(people, form.choices())


class DeleteView(users.DeleteView):
    """Counts of what goes and why it may not go yet, the byline choice, then the service.
    No link to the account's usage: it can list what refers to it, by title."""

    form_class = StaffDeletionForm

    def get_usage_url(self):
        return None

    def get_context_data(self, **kwargs):
        summaries = deletion.summaries([self.object])
        refused = any(summary.refusals for summary in summaries)
        return super().get_context_data(summaries=summaries, refused=refused, **kwargs)

    def form_valid(self, form):
        self.choices_form = form
        try:
            return super().form_valid(form)
        except ValidationError:  # refused: the page says why
            return self.form_invalid(form)

    def delete_action(self):
        delete_accounts([self.object], self.choices_form, self.request.user)


class DeleteAccountsBulkAction(UserBulkAction):
    """The user listing's "Delete", in place of Wagtail's (accounts/wagtail_hooks.py)."""

    display_name = _("Delete")
    action_type = "delete"
    aria_label = _("Delete selected users")
    template_name = "wagtailusers/bulk_actions/delete_accounts.html"
    action_priority = 10
    classes = {"serious"}
    form_class = StaffDeletionForm

    def check_perm(self, obj):
        return user_can_delete_user(self.request.user, obj)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        summaries = deletion.summaries([item["item"] for item in context["items"]])
        refused = any(summary.refusals for summary in summaries)
        return {**context, "summaries": summaries, "refused": refused}

    def get_execution_context(self):
        return {"form": self.cleaned_form, "actor": self.request.user}

    @classmethod
    def execute_action(cls, objects, form=None, actor=None, **kwargs):
        delete_accounts(objects, form, actor)
        return len(objects), 0

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError:  # refused: the page says why
            return self.form_invalid(form)

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d account deleted.", "%(count)d accounts deleted.", num_parent_objects
        ) % {"count": num_parent_objects}


class UserViewSet(users.UserViewSet):
    index_view_class = IndexView
    edit_view_class = EditView
    delete_view_class = DeleteView
    delete_template_name = "wagtailusers/users/delete_account.html"
