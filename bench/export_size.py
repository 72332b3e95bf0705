"""How big and how slow a person's export is, for an account with many entries.

Builds one participant with ``--entries`` entries spread over ten inquiries (each entry
about 1,500 characters of varied text, every fifth edited once, a comment on every
second) and ten weeknote drafts, in a throwaway SQLite database
(or the database in ``DATABASE_URL``: give it one of its own). Then reads the whole
export as the download does and prints its size, the time taken, the number of chunks and
the largest, the queries run and the peak of memory Python allocated while writing it.
Not a test: run it and report the figures (docs/export.md).

    .venv/bin/python bench/export_size.py --entries 1000
"""

import argparse
import datetime
import os
import random
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup(folder: str) -> None:
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{folder}/export.sqlite3")
    os.environ["DJANGO_SETTINGS_MODULE"] = "cylch.settings.test"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def build(entries: int):
    from django.utils import timezone

    from accounts.models import User
    from cms.drafts.models import WeeknoteDraft
    from cohorts.models import Cohort, Issue, Membership, Organisation, Role
    from inquiries.models import Comment, Cycle, Entry, EntryRevision, Inquiry

    words = random.Random(1)  # noqa: S311 - text that compresses like writing, not a secret

    def text(size):
        return " ".join(f"word{words.randrange(5000)}" for _ in range(size // 9))

    me = User.objects.create_user("export.bench@example.org", display_name="Bench Person")
    issue = Issue.objects.create(title="Ageing well", slug="ageing-well", summary="About it.")
    cohort = Cohort.objects.create(
        name="Bench 2026",
        slug="bench-2026",
        issue=issue,
        place="Bangor",
        starts_on=timezone.localdate(),
        ends_on=timezone.localdate() + datetime.timedelta(days=180),
        capacity=60,
    )
    organisation = Organisation.objects.create(name="Bench Council", sector="council")
    Membership.objects.create(
        user=me, cohort=cohort, role=Role.PARTICIPANT, organisation=organisation
    )
    per_inquiry = entries // 10
    for number in range(10):
        inquiry = Inquiry.objects.create(
            owner=me,
            cohort=cohort,
            title=f"Inquiry {number}",
            question=text(200),
            why_it_matters=text(600),
        )
        cycles = [
            Cycle.objects.create(
                inquiry=inquiry, number=n + 1, intention=text(300), learned=text(300)
            )
            for n in range(5)
        ]
        made = Entry.objects.bulk_create(
            Entry(cycle=cycles[n % 5], kind="reflection", body=text(1500), version=1)
            for n in range(per_inquiry)
        )
        edited = made[::5]
        EntryRevision.objects.bulk_create(
            EntryRevision(entry=e, version=1, body=text(1500), body_html="", saved_at=e.updated_at)
            for e in edited
        )
        Entry.objects.filter(pk__in=[e.pk for e in edited]).update(version=2)
        Comment.objects.bulk_create(
            Comment(inquiry=inquiry, entry=e, author=me, body=text(300)) for e in made[::2]
        )
        WeeknoteDraft.objects.create(
            owner=me,
            inquiry=inquiry,
            cycle=cycles[0],
            title=f"Week {number}",
            week_of=timezone.localdate(),
            summary=text(200),
            body=text(3000),
        )
    return me


def measure(user) -> dict:
    """Read the export twice: once timed, once with Python's allocations traced."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from accounts.export import export_zip

    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        sizes = [len(chunk) for chunk in export_zip(user)]
    seconds = time.perf_counter() - started
    tracemalloc.start()
    for _chunk in export_zip(user):
        pass
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "bytes": sum(sizes),
        "seconds": seconds,
        "chunks": len(sizes),
        "largest_chunk": max(sizes),
        "queries": len(queries),
        "peak_python_memory": peak,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=1000)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        setup(folder)
        user = build(arguments.entries)
        figures = measure(user)
    print(f"{arguments.entries} entries:")
    for name, value in figures.items():
        print(f"  {name}: {value:,.2f}" if isinstance(value, float) else f"  {name}: {value:,}")


if __name__ == "__main__":
    main()
