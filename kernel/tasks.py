"""Background work that fails is tried again later, a few times, then shown as failed.

django-tasks runs a task once and records how it ended; it does not try again. A task
that may fail for a passing reason (a mail server away for a minute) ends its ``except``
with ``retry_or_raise``: the next attempt is queued to run later and this one ends
quietly; after the last attempt the error is raised, so the task is recorded as failed
(the Django admin lists failed tasks for operators: docs/deployment.md, "Background work").

A backend that cannot run anything later (the immediate one, in local mode and tests)
does not try again: the error is raised at once, as a send in the request used to fail.
"""

import datetime
import logging

from django.utils import timezone
from django_tasks.base import Task

logger = logging.getLogger(__name__)

ATTEMPTS = 5
# Waits of 1, 2, 4 and 8 minutes: a quarter of an hour for the mail server to come back.
FIRST_WAIT = datetime.timedelta(minutes=1)


def retry_or_raise(task: Task, *args, attempt: int, **kwargs) -> None:
    """Call from an ``except`` block of ``task``, run as attempt number ``attempt``.

    Queues ``task(*args, attempt=attempt + 1, **kwargs)`` to run later, or, after the
    last attempt, re-raises the error being handled.
    """
    if attempt >= ATTEMPTS or not task.get_backend().supports_defer:
        raise  # noqa: PLE0704 (called from an except block: re-raises what it handles)
    later = timezone.now() + FIRST_WAIT * 2 ** (attempt - 1)
    logger.warning(
        "%s failed (attempt %s of %s); trying again at %s",
        task.name,
        attempt,
        ATTEMPTS,
        later,
    )
    task.using(run_after=later).enqueue(*args, attempt=attempt + 1, **kwargs)
