"""Email built and sent without ever turning a saved write into an error page.

Emails go after the write they announce has been committed: an error then would
show the person a failure for something that was in fact saved, and someone who
tried again would save it twice. They go as a task (``send_email``): in production
a worker sends them, so a request never waits for a mail server, and one that fails
is tried again (kernel/tasks.py).

A queued message is stored whole in its task's arguments (with a worker, a row in the
database, listed in the Django admin). An email carrying a secret, such as an
invitation's one-time link, is not queued here: its own task is given an id and
writes it when it runs (cohorts/emails.py).
"""

import logging
import smtplib
from collections.abc import Callable
from dataclasses import dataclass

from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import transaction
from django_tasks import TaskResult, TaskResultStatus, task
from django_tasks.base import Task

from .characters import strip_control_characters
from .tasks import retry_or_raise

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


def _as_task_arguments(message: EmailMessage) -> dict:
    """What a queued task needs to build ``message`` again: plain values, stored as JSON."""
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "alternatives": [
            [str(content), mimetype] for content, mimetype in getattr(message, "alternatives", [])
        ],
    }


@task()
def send_email(message: dict, attempt: int = 1) -> None:
    """Send one email built by ``_as_task_arguments``; if it fails, try again later."""
    email = EmailMultiAlternatives(
        subject=message["subject"],
        body=message["body"],
        from_email=message["from_email"],
        to=message["to"],
    )
    for content, mimetype in message["alternatives"]:
        email.attach_alternative(content, mimetype)
    send_or_retry(email, send_email, message, attempt=attempt)


def send_or_retry(email: EmailMessage, task, *args, attempt: int) -> bool:
    """Send ``email`` from ``task`` (run with ``args`` as attempt ``attempt``) and say
    whether it went; a passing failure queues the task again (kernel/tasks.py)."""
    try:
        email.send()
    except MAIL_ERRORS as error:
        logger.exception("Could not send the email %r to %s", email.subject, email.to)
        if isinstance(error, ValueError):
            raise  # a message Django cannot build now, it cannot build later either
        retry_or_raise(task, *args, attempt=attempt)
        return False
    return True


@dataclass
class Delivery:
    """Whether an email went: None until it is tried (or while a worker has it queued)."""

    sent: bool | None = None

    def tried(self, result: TaskResult) -> None:
        if result.status == TaskResultStatus.SUCCESSFUL:
            self.sent = True
        elif result.status == TaskResultStatus.FAILED:
            self.sent = False


def send_after_commit(message: EmailMessage) -> Delivery:
    """Queue ``message`` for sending once the current transaction commits.

    With the immediate backend (local mode, tests) it is sent there and then, and the
    Delivery says how that went; with a worker it stays untold (``sent is None``).
    """
    return enqueue_after_commit(send_email, _as_task_arguments(message))


def enqueue_after_commit(email_task: Task, *args) -> Delivery:
    """Queue ``email_task(*args)`` once the current transaction commits (see above)."""
    delivery = Delivery()
    after_commit(lambda: delivery.tried(email_task.enqueue(*args)))
    return delivery
