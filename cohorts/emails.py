from collections.abc import Callable

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from kernel.mail import Delivery, email_subject, send_after_commit


def send_invitation(*, invitation, token: str, absolute_url: Callable[[str], str]) -> Delivery:
    """Email the one-time link, once the invitation is safely saved.

    ``absolute_url`` makes the link's path an address people can open from their mail.
    """
    context = {
        "invitation": invitation,
        "cohort": invitation.cohort,
        "inviter": invitation.invited_by,
        "accept_url": absolute_url(reverse("cohorts:invitation", args=[token])),
    }
    message = EmailMultiAlternatives(
        subject=email_subject(render_to_string("cohorts/email/invitation_subject.txt", context)),
        body=render_to_string("cohorts/email/invitation.txt", context),
        to=[invitation.email],
    )
    message.attach_alternative(
        render_to_string("cohorts/email/invitation.html", context), "text/html"
    )
    return send_after_commit(message)
