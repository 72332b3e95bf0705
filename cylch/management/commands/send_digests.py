"""The daily round: what the scheduler runs once a day.

It lives in the wiring because it asks two apps for their daily work: cms for weeknote
reminders, then inquiries for the digests, so a reminder to someone who chose a digest
goes out in it the same day.
"""

from django.core.management.base import BaseCommand

from cms.drafts.reminders import send_reminders
from inquiries.notifications import send_digests


class Command(BaseCommand):
    help = (
        "Remind participants who have shared no weeknote for two weeks, then email each "
        "person who chose a daily digest what they have not been sent yet. "
        "Run it once a day (cron or a scheduled task)."
    )

    def handle(self, *args, **options):
        reminded = send_reminders()
        sent = send_digests()
        self.stdout.write(f"Weeknote reminders: {reminded}. Digests sent: {sent}.")
