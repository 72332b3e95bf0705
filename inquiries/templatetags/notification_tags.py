from django import template

from inquiries.forms import NotificationSettingsForm
from inquiries.models import NotificationSettings

register = template.Library()


@register.inclusion_tag("inquiries/includes/notification_settings.html", takes_context=True)
def notification_settings_form(context):
    """The email choice on /me/, saved by /me/notifications/settings/."""
    user = context["request"].user
    current = NotificationSettings.objects.filter(user=user).first()
    return {
        "form": NotificationSettingsForm(instance=current or NotificationSettings(user=user)),
        "csrf_token": context.get("csrf_token"),
    }
