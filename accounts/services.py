from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from kernel.mail import send_after_commit

from .models import AccountChangeRecord, User


def account_change_record(
    *, actor: User, holder: User, what: str, old_email: str = "", new_email: str = ""
) -> AccountChangeRecord:
    """Log a change ``actor`` made to ``holder``'s password or email address, and tell
    the holder by email, at every address concerned, once the change is committed.

    For an email address, ``old_email`` and ``new_email`` say which: both for a changed
    address, one for an address added or removed.
    """
    record = AccountChangeRecord.objects.create(
        actor=actor,
        actor_email=actor.email,
        holder=holder,
        holder_email=holder.email,
        what=what,
        old_email=old_email,
        new_email=new_email,
    )
    context = {
        "record": record,
        "what": record.get_what_display(),
        "actor": actor.public_name,
        "reset_url": settings.SITE_URL + reverse("account_reset_password"),
    }
    subject = render_to_string("accounts/email/account_changed_subject.txt", context)
    message = EmailMessage(
        subject=" ".join(subject.split()),
        body=render_to_string("accounts/email/account_changed.txt", context),
        to=list(dict.fromkeys(filter(None, [holder.email, old_email, new_email]))),
    )
    send_after_commit(message)
    return record
