from django import template

from inquiries.forms import NotificationSettingsForm
from inquiries.notifications import email_choice

register = template.Library()


@register.inclusion_tag("inquiries/includes/notification_settings.html", takes_context=True)
def notification_settings_form(context):
    """The email choice on /me/, saved by /me/notifications/settings/."""
    user = context["request"].user
    return {
        "form": NotificationSettingsForm(initial={"email": email_choice(user)}),
        "csrf_token": context.get("csrf_token"),
    }
