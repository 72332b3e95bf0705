"""The daily round, as a task: what the scheduler asks for once a day.

It lives in the wiring because it asks two apps for their daily work: cms for weeknote
reminders, then inquiries for the digests, so a reminder to someone who chose a digest
goes out in it the same day. Both parts are safe to run twice (each locks and checks
what it sends), so a round that fails is simply run again later (kernel/tasks.py).
"""

import logging

from django_tasks import task

from cms.drafts.reminders import send_reminders
from inquiries.notifications import send_digests
from kernel.tasks import retry_or_raise

logger = logging.getLogger(__name__)


@task()
def daily_round(attempt: int = 1) -> dict:
    """Remind who is due a reminder, then send the digests; say how many of each."""
    try:
        reminded = send_reminders()
        sent = send_digests()
    except Exception:
        logger.exception("The daily round failed")
        retry_or_raise(daily_round, attempt=attempt)
        return {"tried_again_later": True}
    return {"reminded": reminded, "digests": sent}
