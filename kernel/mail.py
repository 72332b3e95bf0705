"""Sending email without turning a saved write into an error page."""

import logging
import smtplib

from django.core.mail import EmailMessage

logger = logging.getLogger(__name__)

MAIL_ERRORS = (smtplib.SMTPException, OSError)


def send_quietly(message: EmailMessage) -> bool:
    """Send; if the mail server fails, log it and say so instead of raising.

    Emails go after the write they announce has been committed: an error then
    would show the person a failure for something that was in fact saved.
    """
    try:
        message.send()
    except MAIL_ERRORS:
        logger.exception("Could not send the email %r to %s", message.subject, message.to)
        return False
    return True
