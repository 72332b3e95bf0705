"""/me/notifications/: a person's notifications, opening one, marking all read, and their
email choice."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import selectors, services
from ..forms import NotificationSettingsForm
from ..models import Notification


@login_required
def notification_list(request):
    """Newest first. A line names only what its reader can see now."""
    page = selectors.notifications_page(user=request.user, page_number=request.GET.get("page"))
    return render(
        request,
        "inquiries/notification_list.html",
        {
            "page_obj": page,
            "notifications": page.object_list,
            "any_unread": Notification.objects.addressed_to(request.user).unread().exists(),
        },
    )


@login_required
def notification_open(request, pk):
    """Mark it read and go to what it is about (a 404 there if it is no longer visible)."""
    notification = get_object_or_404(
        Notification.objects.addressed_to(request.user).select_related("comment"), pk=pk
    )
    services.notification_mark_read(notification=notification, user=request.user)
    return redirect(
        selectors.notification_destination(notification=notification, user=request.user)
    )


@login_required
@require_POST
def notifications_mark_all_read(request):
    if services.notifications_mark_all_read(user=request.user):
        messages.success(request, _("All your notifications are marked as read."))
    else:
        messages.info(request, _("You had no unread notifications."))
    return redirect("notifications:list")


@login_required
@require_POST
def notification_settings(request):
    form = NotificationSettingsForm(request.POST)
    if form.is_valid():
        services.notification_settings_update(user=request.user, email=form.cleaned_data["email"])
        messages.success(request, _("Your email choice is saved."))
    else:
        messages.error(request, _("Choose which emails you want."))
    return redirect("accounts:me")
