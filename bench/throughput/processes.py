"""CPU time and memory of the processes serving a page, read from /proc (Linux).

The app's CPU is gunicorn's master and workers; the database's is the PostgreSQL
backends connected to the benchmark's database (SQLite runs inside the app).
"""

import os
import time
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")
PAGE_BYTES = os.sysconf("SC_PAGE_SIZE")


def _stat(pid: int) -> list[str] | None:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    return text[text.rindex(")") + 2 :].split()  # fields after the command name


def cpu_seconds(pid: int, *, with_reaped_children: bool = False) -> float:
    fields = _stat(pid)
    if fields is None:
        return 0.0
    utime, stime, cutime, cstime = (int(value) for value in fields[11:15])
    ticks = utime + stime + ((cutime + cstime) if with_reaped_children else 0)
    return ticks / TICKS


def children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in path.read_text().split()] if path.exists() else []


def resident_bytes(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE_BYTES
    except FileNotFoundError:
        return 0


class Server:
    """gunicorn's master: its workers' CPU, and the CPU of workers it has reaped."""

    def __init__(self, master_pid: int):
        self.master = master_pid

    def workers(self) -> list[int]:
        return children(self.master)

    def cpu(self) -> float:
        total = cpu_seconds(self.master, with_reaped_children=True)
        return total + sum(cpu_seconds(worker) for worker in self.workers())

    def wait_until_idle(self, *, at_most: float = 120.0) -> None:
        """Until the workers have answered what is queued: wrk stops without waiting for
        the requests it sent, and a slow page's backlog (16 downloads of a second each)
        would be measured, and its CPU counted, with the next load."""
        deadline = time.monotonic() + at_most
        before = self.cpu()
        while time.monotonic() < deadline:
            time.sleep(0.25)
            now = self.cpu()
            if now - before < 0.01:  # under 4% of a core
                return
            before = now

    def worker_memory(self) -> int:
        return sum(resident_bytes(worker) for worker in self.workers())


class Database:
    """PostgreSQL backends of one database, found through pg_stat_activity."""

    def __init__(self, connection):
        self.connection = connection

    def cpu_by_backend(self) -> dict[int, float]:
        if self.connection.vendor != "postgresql":
            return {}
        with self.connection.cursor() as cursor:
            cursor.execute(
                "SELECT pid FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            return {pid: cpu_seconds(pid) for (pid,) in cursor.fetchall()}

    @staticmethod
    def cpu_between(before: dict[int, float], after: dict[int, float]) -> float:
        """CPU spent between two readings; a backend that closed in between is not counted."""
        return sum(seconds - before.get(pid, 0.0) for pid, seconds in after.items())
