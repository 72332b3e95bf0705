"""Email built and sent without ever turning a saved write into an error page.

Emails go after the write they announce has been committed: an error then would
show the person a failure for something that was in fact saved, and someone who
tried again would save it twice.
"""

import logging
import smtplib
from collections.abc import Callable

from django.core.mail import EmailMessage
from django.db import transaction

from .characters import strip_control_characters

logger = logging.getLogger(__name__)

# ValueError: Django builds the headers only when sending, and refuses there, by
# raising, what it cannot put in one (BadHeaderError, an address it cannot encode).
MAIL_ERRORS = (smtplib.SMTPException, OSError, ValueError)


def email_subject(text: str) -> str:
    """A subject on one line, whatever the names and titles put into it hold.

    Every email we build takes its subject from here: a line break in a header is
    refused when the message is sent, long after the names in it were typed.
    """
    return " ".join(strip_control_characters(str(text)).split())


def send_quietly(message: EmailMessage) -> bool:
    """Send; if the message cannot be built or the mail server fails, log it and say so."""
    try:
        message.send()
    except MAIL_ERRORS:
        logger.exception("Could not send the email %r to %s", message.subject, message.to)
        return False
    return True


def after_commit(work: Callable[[], object]) -> None:
    """Run ``work`` once the current transaction commits; if it fails, log it, never raise.

    For what follows a saved write (building and sending its emails): the person is
    answered as the write deserves, whatever happens after it.
    """
    transaction.on_commit(work, robust=True)
