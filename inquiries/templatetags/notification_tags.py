from django import template

from inquiries.forms import NotificationSettingsForm
from inquiries.models import NotificationSettings

register = template.Library()


@register.inclusion_tag("inquiries/includes/notification_settings.html", takes_context=True)
def notification_settings_form(context):
    """The email choice and weeknote reminders on /me/, saved by /me/notifications/settings/."""
    user = context["request"].user
    # Someone who never chose has the defaults, which an unsaved row holds.
    chosen = NotificationSettings.objects.filter(user=user).first() or NotificationSettings()
    initial = {"email": chosen.email, "weeknote_reminders": chosen.weeknote_reminders}
    return {
        "form": NotificationSettingsForm(initial=initial),
        "csrf_token": context.get("csrf_token"),
    }
