from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.options import csrf_protect_m
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import deletion
from .forms import StaffDeletionForm
from .models import AccountChangeRecord, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "display_name", "is_staff", "is_active", "date_joined"]
    search_fields = ["email", "display_name", "first_name", "last_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Profile"), {"fields": ("display_name", "first_name", "last_name")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)
    actions = ["delete_selected"]  # in place of Django's, which deletes around the service

    # Deleting goes through accounts/deletion.py, as a person deleting their own account
    # does, and its page shows counts: Django's own lists every related object by name.

    @csrf_protect_m
    def delete_view(self, request, object_id, extra_context=None):
        person = self.get_object(request, unquote(object_id))
        if not self.has_delete_permission(request, person):
            raise PermissionDenied
        if person is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        shown = str(person)
        page = self._confirm_deletion(request, [person], bulk=False)
        return page or self.response_delete(request, shown, person.pk)

    @admin.action(permissions=["delete"], description=_("Delete selected users"))
    def delete_selected(self, request, queryset):
        people = list(queryset)
        page = self._confirm_deletion(request, people, bulk=True)
        if page is None:
            told = ngettext(
                "%(count)d account deleted.", "%(count)d accounts deleted.", len(people)
            )
            self.message_user(request, told % {"count": len(people)}, messages.SUCCESS)
        return page

    def _confirm_deletion(self, request, people, *, bulk):
        """The confirmation page, or None once the accounts are gone."""
        form = StaffDeletionForm(request.POST if "post" in request.POST else None)
        summaries = deletion.summaries(people)
        if form.is_bound and form.is_valid() and not any(s.refusals for s in summaries):
            try:
                with transaction.atomic():
                    self.log_deletions(request, people)
                    deletion.delete_accounts(people, form.choices())
            except ValidationError:  # a fellow facilitator left meanwhile
                summaries = deletion.summaries(people)
            else:
                return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Delete accounts") if bulk else _("Delete an account"),
            "subtitle": None,
            "opts": self.opts,
            "people": people,
            "summaries": summaries,
            "refused": any(s.refusals for s in summaries),
            "form": form,
            "bulk": bulk,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "media": self.media,
        }
        return TemplateResponse(request, "admin/accounts/user/delete_account.html", context)


@admin.register(AccountChangeRecord)
class AccountChangeRecordAdmin(admin.ModelAdmin):
    """The log of changes made to other people's accounts: superusers read it; nobody,
    superusers included, adds, changes or deletes a row."""

    list_display = ["changed_at", "actor_email", "holder_email", "what", "old_email", "new_email"]
    list_filter = ["what"]
    search_fields = ["actor_email", "holder_email", "old_email", "new_email"]
    date_hierarchy = "changed_at"

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
