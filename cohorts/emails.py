"""The invitation email, written by a task that is given only the invitation's id.

The one-time link exists in the email alone: the invitation keeps only a hash of its
token (models.hash_token), and a queued task's arguments are stored too (with a
worker, as a row the Django admin lists). So the task draws the token itself, as it
writes the email, and no link ever waits in the queue.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from kernel.mail import Delivery, email_subject, enqueue_after_commit, send_or_retry

from .models import Invitation, hash_token, new_token


def send_invitation(invitation: Invitation) -> Delivery:
    """Email the invitation a link once it is safely saved (``send_invitation_email``)."""
    return enqueue_after_commit(send_invitation_email, invitation.pk)


@task()
def send_invitation_email(invitation_id: int, attempt: int = 1) -> bool:
    """Give a waiting invitation a fresh link and email it; say whether it went.

    An invitation answered, revoked or expired meanwhile, or whose cohort has closed, is
    sent nothing. Each run draws its own token, and the invitation keeps its hash only
    once the email has gone: a send that fails is tried again later (kernel/tasks.py)
    with another token, its email having never arrived. The row is locked meanwhile, so
    two runs for one invitation (a resend soon after) send one after the other, and the
    later link is the one that works.
    """
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update(of=("self",))
            .select_related("cohort", "invited_by")
            .filter(pk=invitation_id)
            .first()
        )
        if invitation is None or not invitation.holds_a_place or invitation.cohort.is_closed:
            return False
        token = new_token()
        message = invitation_message(invitation, token)
        if not send_or_retry(message, send_invitation_email, invitation_id, attempt=attempt):
            return False
        invitation.token_hash = hash_token(token)
        invitation.sent_at = timezone.now()
        invitation.save(update_fields=["token_hash", "sent_at"])
    return True


def invitation_message(invitation: Invitation, token: str) -> EmailMultiAlternatives:
    context = {
        "invitation": invitation,
        "cohort": invitation.cohort,
        "inviter": invitation.invited_by,
        "accept_url": settings.SITE_URL + reverse("cohorts:invitation", args=[token]),
    }
    message = EmailMultiAlternatives(
        subject=email_subject(render_to_string("cohorts/email/invitation_subject.txt", context)),
        body=render_to_string("cohorts/email/invitation.txt", context),
        to=[invitation.email],
    )
    message.attach_alternative(
        render_to_string("cohorts/email/invitation.html", context), "text/html"
    )
    return message
