from collections.abc import Callable
from dataclasses import dataclass

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from kernel.mail import after_commit, email_subject, send_quietly


@dataclass
class Delivery:
    """Whether an email went: None until the transaction commits and it is tried."""

    sent: bool | None = None


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
    delivery = Delivery()

    def send():
        delivery.sent = send_quietly(message)

    after_commit(send)
    return delivery
