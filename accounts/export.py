"""The export of everything a person wrote: one zip, written as it is sent.

The zip goes to a stream that cannot seek (Python's ``zipfile`` then writes each file's
sizes after its data), and the bytes are handed on whenever some have gathered. A
thousand entries never sit in memory at once: each app yields its records one at a time
(accounts/personal_data.py) and the JSON is written record by record.
"""

import io
import json
import zipfile
from collections.abc import Iterable, Iterator

from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from .personal_data import providers

SCHEMA_VERSION = "1.1"
JSON_NAME = "cylch-export.json"
CHUNK_SIZE = 64 * 1024


class _Outbox(io.RawIOBase):
    """A write-only stream whose bytes are taken away as soon as there are enough."""

    def __init__(self):
        self._parts: list[bytes] = []
        self.size = 0

    def writable(self):
        return True

    def write(self, data):
        self._parts.append(bytes(data))
        self.size += len(data)
        return len(data)

    def take(self) -> bytes:
        data = b"".join(self._parts)
        self._parts.clear()
        self.size = 0
        return data


def _json_pieces(user) -> Iterator[str]:
    """``cylch-export.json`` in pieces: one record per piece, never the whole document."""
    yield f'{{"schema_version": "{SCHEMA_VERSION}", '
    yield f'"exported_at": {json.dumps(timezone.now().isoformat())}, "sections": {{'
    seen = set()
    for provider in providers():
        for name, records in provider.sections(user):
            if name in seen:
                raise ImproperlyConfigured(f"Two apps export a section named {name!r}.")
            yield ("" if not seen else ", ") + f"{json.dumps(name)}: ["
            seen.add(name)
            for number, record in enumerate(records):
                yield ("" if number == 0 else ", ") + json.dumps(record, ensure_ascii=False)
            yield "]"
    yield "}}"


def _files(user) -> Iterator[tuple[str, Iterable[bytes | str]]]:
    yield JSON_NAME, _json_pieces(user)
    for provider in providers():
        yield from provider.files(user)


def export_zip(user, *, chunk_size: int = CHUNK_SIZE) -> Iterator[bytes]:
    """The zip, in chunks of about ``chunk_size`` bytes: a chunk goes as soon as that much
    has gathered, so it is larger only by what the compressor released at once."""
    outbox = _Outbox()
    now = timezone.localtime()
    folder = f"cylch-export-{now.date().isoformat()}"
    with zipfile.ZipFile(outbox, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path, pieces in _files(user):
            info = zipfile.ZipInfo(f"{folder}/{path}", now.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            with archive.open(info, "w") as member:
                for piece in pieces:
                    member.write(piece.encode() if isinstance(piece, str) else piece)
                    if outbox.size >= chunk_size:
                        yield outbox.take()
    yield outbox.take()
