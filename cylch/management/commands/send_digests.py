"""The daily round, queued for a worker: what cron runs once a day (cylch/tasks.py)."""

from django.core.management.base import BaseCommand, CommandError
from django_tasks import TaskResultStatus

from cylch.tasks import daily_round


class Command(BaseCommand):
    help = (
        "Queue the daily round: remind participants who have shared no weeknote for two "
        "weeks, then email each person who chose a daily digest what they have not been "
        "sent yet. Run it once a day (cron or a scheduled task); a worker runs the round "
        "(manage.py db_worker), or this command itself with the immediate backend."
    )

    def handle(self, *args, **options):
        result = daily_round.enqueue()
        if result.status == TaskResultStatus.SUCCESSFUL:
            counts = result.return_value
            self.stdout.write(
                f"Weeknote reminders: {counts['reminded']}. Digests sent: {counts['digests']}."
            )
        elif result.status == TaskResultStatus.FAILED:
            raise CommandError("The daily round failed: see the log.")
        else:
            self.stdout.write(f"Daily round queued for a worker (task {result.id}).")
