"""Running the database queue (production's backend) from a test: see the
``database_queue`` fixture in tests/conftest.py. Tests using it are transactional, as
the worker manages its own transactions and connections."""

from django.core.management import call_command
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult


def run_worker(worker_id="worker"):
    """What `manage.py db_worker` does, until the queue holds nothing ready to run."""
    call_command("db_worker", batch=True, startup_delay=False, worker_id=worker_id, verbosity=0)


def a_minute_later():
    """The clock moves on for the queue: every retry waiting to run may run now."""
    DBTaskResult.objects.filter(status=TaskResultStatus.READY).update(run_after=timezone.now())
