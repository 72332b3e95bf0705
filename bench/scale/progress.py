"""Counts as the build goes, with the time since it began."""

import time


class Progress:
    def __init__(self, write):
        self.write = write
        self.started = time.monotonic()

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def report(self, what: str, done: int, total: int | None = None) -> None:
        of = f" of {total:,}" if total is not None else ""
        self.write(f"{self.elapsed:7.1f} s  {what}: {done:,}{of}")
