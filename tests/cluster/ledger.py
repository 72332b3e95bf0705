"""What the cluster's database holds, read straight from PostgreSQL: the rows a set of
forms made, and the rows a write left without the partners it writes with them.

Each multi-row write of the site runs in one transaction, so after any fault these hold:

- an entry in an inquiry its coaches can read comes with one notification per coach
  (``services.entry_create`` → ``notifications.on_entry``);
- a comment by someone other than the inquiry's owner comes with the owner's
  notification (``services.comment_create`` → ``notifications.on_comment``);
- an entry at version n has its n - 1 earlier texts (``services.entry_update``).
"""

import time
from dataclasses import dataclass

import psycopg

# How long a writer waits for a database that a test stopped, to look up what it made.
OUTAGE_SECONDS = 90

HALF_WRITTEN = {
    "entries whose coaches were not each told once": """
        SELECT e.id FROM inquiries_entry e
        JOIN inquiries_cycle c ON c.id = e.cycle_id
        JOIN inquiries_inquiry i ON i.id = c.inquiry_id
        WHERE i.visibility <> 'private'
          AND (SELECT count(*) FROM inquiries_notification n
               WHERE n.entry_id = e.id AND n.kind = 'entry' AND n.comment_id IS NULL)
           <> (SELECT count(*) FROM cohorts_membership m
               WHERE m.cohort_id = i.cohort_id AND m.role = 'coach' AND m.user_id <> i.owner_id)
    """,
    "comments whose inquiry's owner was not told once": """
        SELECT co.id FROM inquiries_comment co
        JOIN inquiries_inquiry i ON i.id = co.inquiry_id
        WHERE co.parent_id IS NULL AND co.author_id <> i.owner_id
          AND (SELECT count(*) FROM inquiries_notification n
               WHERE n.comment_id = co.id AND n.recipient_id = i.owner_id) <> 1
    """,
    "entries missing an earlier text": """
        SELECT e.id FROM inquiries_entry e
        WHERE e.version - 1
           <> (SELECT count(*) FROM inquiries_entryrevision r WHERE r.entry_id = e.id)
    """,
}


@dataclass
class Stored:
    sent: int  # forms sent, each with its own key (however many times it was sent)
    stored: int  # of those, the ones that made a row
    rows: int  # every row written by the same run, whatever key it carries or lacks

    @property
    def lost(self) -> int:
        return self.sent - self.stored

    @property
    def duplicated(self) -> int:
        return self.rows - self.stored


class Ledger:
    def __init__(self, database_url: str):
        self.database_url = database_url

    def rows(self, query: str, params=()) -> list[tuple]:
        with psycopg.connect(self.database_url, autocommit=True) as connection:
            return connection.execute(query, params).fetchall()

    def half_written(self) -> dict[str, list[int]]:
        """Each invariant above, with the rows that break it (none, when all is well)."""
        return {name: [row[0] for row in self.rows(query)] for name, query in HALF_WRITTEN.items()}

    def stored(self, table: str, keys: list[str], label: str) -> Stored:
        """How many of the forms with these keys made a row; and how many rows there are
        whose text begins with ``label``, the mark of the run that sent them."""
        assert table in {"inquiries_entry", "inquiries_comment"}
        ((stored, rows),) = self.rows(
            f"SELECT count(*) FILTER (WHERE submission_key = ANY(%s::uuid[])), count(*) "  # noqa: S608
            f"FROM {table} WHERE body LIKE %s",
            (keys, label + "%"),
        )
        return Stored(sent=len(set(keys)), stored=stored, rows=rows)

    def entry_made_by(self, submission_key: str) -> int:
        """The entry a form made (the site answered it, so it is there); waits out an
        outage a test caused after the answer."""
        deadline = time.monotonic() + OUTAGE_SECONDS
        while True:
            try:
                ((pk,),) = self.rows(
                    "SELECT id FROM inquiries_entry WHERE submission_key = %s", (submission_key,)
                )
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
            else:
                return pk
