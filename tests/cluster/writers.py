"""Participants writing without pause while a test breaks something under them.

Each writer, in its own thread and session, logs an action in its inquiry, comments on
its neighbour's and edits the action it logged (a new version, its earlier text kept),
over and over, through both servers in turn. A form that gets no answer, or a 5xx, is sent
again with the same key until a server answers it, as a person would press the button
again. What each sent is kept, to be counted against the database afterwards.
"""

import threading
import time
from dataclasses import dataclass, field

from .visitors import comment_form, comment_path, entry_form, entry_path

SETTLE_SECONDS = 120


@dataclass
class Sent:
    entries: list[str] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    edits: int = 0
    unexpected: list[str] = field(default_factory=list)


class Writers:
    def __init__(self, cluster, people: list[dict], label: str):
        self.cluster = cluster
        self.people = people
        self.label = label
        self.sent = Sent()
        self.visitors = [cluster.visitor(person["session"]) for person in people]
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._threads = [
            threading.Thread(target=self._write, args=(n,), daemon=True) for n in range(len(people))
        ]

    @property
    def forms_sent(self) -> int:
        with self._lock:
            return len(self.sent.entries) + len(self.sent.comments) + self.sent.edits

    @property
    def failed_answers(self) -> int:
        return sum(visitor.failed_answers for visitor in self.visitors)

    def __enter__(self) -> "Writers":
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop()

    def wait_for(self, forms: int) -> None:
        deadline = time.monotonic() + SETTLE_SECONDS
        while self.forms_sent < forms and time.monotonic() < deadline:
            time.sleep(0.1)

    def stop(self) -> Sent:
        """Let each writer finish the form in hand (answered at last), then stop."""
        self._stop.set()
        for thread in self._threads:
            thread.join(SETTLE_SECONDS)
        return self.sent

    def _write(self, n: int) -> None:
        try:
            self._write_until_stopped(n)
        except Exception as error:  # noqa: BLE001 (the test reads it in ``unexpected``)
            with self._lock:
                self.sent.unexpected.append(repr(error))

    def _write_until_stopped(self, n: int) -> None:
        me, person = self.visitors[n], self.people[n]
        neighbour = self.people[(n + 1) % len(self.people)]
        servers = self.cluster.servers
        me.get(servers[0], f"/inquiries/{person['inquiry']}/")  # the page with the forms
        turn = n
        while not self._stop.is_set():
            turn += 1
            order = servers[turn % 2 :] + servers[: turn % 2]
            entry = entry_form(f"{self.label} an action by {person['email']}, turn {turn}")
            self._expect(me.send_until_answered(order, entry_path(person), entry), {302})
            with self._lock:
                self.sent.entries.append(entry["submission_key"])
            comment = comment_form(f"{self.label} a comment on turn {turn}")
            self._expect(
                me.send_until_answered(order[::-1], comment_path(neighbour["inquiry"]), comment),
                {302},
            )
            with self._lock:
                self.sent.comments.append(comment["submission_key"])
            self._edit(me, person, order, entry, turn)

    def _edit(self, me, person, order, entry, turn) -> None:
        entry_pk = self.cluster.ledger.entry_made_by(entry["submission_key"])
        edit = {**entry, "body": f"{self.label} edited on turn {turn}", "version": "1"}
        path = f"/inquiries/{person['inquiry']}/entries/{entry_pk}/edit/"
        # 409: the same edit, sent again after its answer was lost, found itself saved.
        self._expect(me.send_until_answered(order, path, edit), {302, 409})
        with self._lock:
            self.sent.edits += 1

    def _expect(self, answer, statuses: set[int]) -> None:
        if answer.status_code not in statuses:
            with self._lock:
                self.sent.unexpected.append(f"{answer.status_code} {answer.url}")
