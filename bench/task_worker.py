"""Queued emails and several workers on a real database: how fast, and each sent once.

Queues ``--emails`` emails (``kernel.mail.send_email``, each with its own subject), then
starts ``--workers`` processes of ``manage.py db_worker --batch`` at once, which send them
all into files (Django's file email backend, one file per email). Prints the time to
queue one email (what a request pays), the time the workers took, emails a second, and
how many subjects were sent none, once or more than once. Not a test: run it and report
the figures (docs/deployment.md, "Background work").

    psql -h 127.0.0.1 -U postgres -c 'CREATE DATABASE cylch_tasks_bench'
    export DATABASE_URL=postgresql://postgres@127.0.0.1:5432/cylch_tasks_bench
    .venv/bin/python bench/task_worker.py --emails 500 --workers 1 2 4

The database named is migrated, and its task table emptied: give it one of its own.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = "bench.task_settings"


def setup(outbox: Path) -> None:
    if not os.environ.get("DATABASE_URL"):
        sys.exit("Name a throwaway database in DATABASE_URL: its task table is emptied.")
    os.environ["DJANGO_SETTINGS_MODULE"] = SETTINGS
    os.environ["CYLCH_BENCH_OUTBOX"] = str(outbox)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def queue(count: int, run: str) -> float:
    """Queue ``count`` emails; the seconds one took on average."""
    from django.core.mail import EmailMessage
    from django.db import transaction

    from kernel.mail import send_after_commit

    started = time.perf_counter()
    for number in range(count):
        with transaction.atomic():
            send_after_commit(
                EmailMessage(subject=f"{run} {number}", body="Hello.", to=["a@example.org"])
            )
    return (time.perf_counter() - started) / count


def work(workers: int) -> float:
    """Start ``workers`` worker processes together; the seconds until the last ends."""
    command = [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay", "-v0"]
    started = time.perf_counter()
    processes = [subprocess.Popen(command, cwd=ROOT) for _ in range(workers)]  # noqa: S603
    for process in processes:
        process.wait()
    return time.perf_counter() - started


def sent_subjects(outbox: Path, run: str) -> Counter:
    subjects = Counter()
    for path in outbox.iterdir():
        for line in path.read_text().splitlines():
            if line.startswith(f"Subject: {run} "):
                subjects[line.removeprefix("Subject: ")] += 1
    return subjects


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--emails", type=int, default=500)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    options = parser.parse_args()
    outbox = Path(tempfile.mkdtemp(prefix="cylch-outbox-"))
    setup(outbox)
    from django_tasks_db.models import DBTaskResult

    for workers in options.workers:
        DBTaskResult.objects.all().delete()
        run = f"run-{workers}"
        per_email = queue(options.emails, run)
        seconds = work(workers)
        subjects = sent_subjects(outbox, run)
        counts = Counter(subjects[f"{run} {n}"] for n in range(options.emails))
        print(
            f"{workers} worker(s): queued {options.emails} in {per_email * 1000:.2f} ms each; "
            f"sent in {seconds:.1f} s ({options.emails / seconds:.0f} a second); "
            f"unsent {counts[0]}, once {counts[1]}, "
            f"more than once {sum(n for times, n in counts.items() if times > 1)}"
        )


if __name__ == "__main__":
    main()
