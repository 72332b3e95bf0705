from .models import Notification


def notifications(request):
    """The number of unread notifications, for the header: only those its reader may see."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": Notification.objects.visible_to(user).unread().count()}
