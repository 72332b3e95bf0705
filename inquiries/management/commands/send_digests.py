from django.core.management.base import BaseCommand

from inquiries.notifications import send_digests


class Command(BaseCommand):
    help = (
        "Email each person who chose a daily digest what they have not been sent yet. "
        "Run it once a day (cron or a scheduled task)."
    )

    def handle(self, *args, **options):
        sent = send_digests()
        self.stdout.write(f"Digests sent: {sent}.")
