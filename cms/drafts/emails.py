"""Emails to editors about drafts (the participant hears through their notifications)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.groups import EDITORS
from kernel.mail import email_subject, send_after_commit


def tell_editors_of_unpublish_request(draft) -> None:
    """Each editor gets an email once the request is saved; the admin lists it too."""
    editors = list(
        get_user_model()
        .objects.filter(groups__name=EDITORS, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    page_url = settings.SITE_URL + reverse("wagtailadmin_pages:edit", args=[draft.page_id])
    subject = email_subject(
        _("[Cylch] Please take down the weeknote “%(title)s”") % {"title": draft.page.title}
    )
    body = _(
        "%(name)s, who wrote the weeknote “%(title)s”, asks the editors to unpublish it.\n\n"
        "Open it in the admin: %(url)s\n"
    ) % {"name": draft.owner.public_name, "title": draft.page.title, "url": page_url}
    for address in editors:
        send_after_commit(EmailMessage(subject=subject, body=body, to=[address]))
