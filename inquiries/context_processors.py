from .models import Inquiry, Notification


def notifications(request):
    """The number of unread notifications, for the header."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    # Counted through the visibility rule: nothing about what the reader can no longer see.
    unread = Notification.objects.for_user(user).unread()
    visible = unread.filter(inquiry__in=Inquiry.objects.visible_to(user))
    return {"unread_notifications": visible.count()}
