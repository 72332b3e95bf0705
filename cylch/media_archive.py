"""One archive of every uploaded file: what a restore needs beside the database dump.

PostgreSQL holds every row, including the names of uploaded files; the files
themselves (Wagtail's original images, their renditions and documents) live in
the media storage: a directory on one machine, a bucket on several. The archive
is a tar.gz of those files under ``media/`` and a ``manifest.json`` giving each
one's name, size and SHA-256, so a restore can prove it put back exactly what
was taken. It goes through Django's storage, so it reads and writes a directory
or a bucket alike. docs/operations.md says when to use it.
"""

import hashlib
import io
import json
import tarfile
from dataclasses import asdict, dataclass

from django.apps import apps
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import models
from django.utils import timezone

MANIFEST = "manifest.json"
FILES_UNDER = "media/"
FORMAT = 1
CHUNK = 1024 * 1024


@dataclass(frozen=True)
class StoredFile:
    name: str
    size: int
    sha256: str


class ArchiveError(Exception):
    """The archive cannot be restored as it is; the message says which file and why."""


def files(count):
    """ "1 file", "3 files": for the commands' messages."""
    return f"{count} file" if count == 1 else f"{count} files"


def stored_names(storage=default_storage, folder=""):
    """Every file name in the storage, walking its folders."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # no upload yet: the first one makes MEDIA_ROOT
        return
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for sub in sorted(folders):
        yield from stored_names(storage, f"{folder}/{sub}" if folder else sub)


def names_in_database():
    """Every file name a row of the database points at (images, renditions, documents)."""
    names = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField) and not field.many_to_many:
                stored = model._default_manager.values_list(field.name, flat=True)
                names.update(name for name in stored if name)  # empty or NULL: no file
    return names


def write_archive(target, storage=default_storage):
    """Write every stored file and the manifest into the open binary file ``target``."""
    stored = []
    with tarfile.open(fileobj=target, mode="w:gz") as archive:
        for name in stored_names(storage):
            with storage.open(name, "rb") as source:
                reader = _HashingReader(source)
                info = tarfile.TarInfo(FILES_UNDER + name)
                info.size = storage.size(name)
                archive.addfile(info, reader)
            stored.append(StoredFile(name=name, size=info.size, sha256=reader.hexdigest()))
        manifest = {
            "format": FORMAT,
            "created": timezone.now().isoformat(),
            "files": [asdict(each) for each in stored],
        }
        body = json.dumps(manifest, indent=2).encode()
        info = tarfile.TarInfo(MANIFEST)
        info.size = len(body)
        archive.addfile(info, io.BytesIO(body))
    return stored


def read_manifest(archive):
    try:
        manifest = json.load(archive.extractfile(MANIFEST))
    except KeyError as error:
        raise ArchiveError(
            f"The archive has no {MANIFEST}: it was not made by backup_media."
        ) from error
    if manifest.get("format") != FORMAT:
        raise ArchiveError(f"The archive's format is {manifest.get('format')!r}, not {FORMAT}.")
    return [StoredFile(**each) for each in manifest["files"]]


def verify(archive, stored):
    """Read every file of the archive and check it against the manifest, writing nothing."""
    for each in stored:
        reader = _HashingReader(_member(archive, each.name))
        while reader.read(CHUNK):
            pass
        if reader.hexdigest() != each.sha256:
            raise ArchiveError(f"{each.name} in the archive does not match its checksum.")


def restore(archive, stored, storage=default_storage):
    """Put each file back under its own name; return how many were written and already there."""
    written = unchanged = 0
    for each in stored:
        if storage.exists(each.name):
            if _digest(storage, each.name) == each.sha256:
                unchanged += 1
                continue
            # Saving over a name would store the file under a new one; the rows point at this one.
            storage.delete(each.name)
        saved = storage.save(each.name, File(_member(archive, each.name), name=each.name))
        if saved != each.name:
            raise ArchiveError(f"The storage saved {each.name} as {saved}.")
        written += 1
    return written, unchanged


def _member(archive, name):
    try:
        return archive.extractfile(FILES_UNDER + name)
    except KeyError as error:
        raise ArchiveError(f"{name} is in the manifest but not in the archive.") from error


def _digest(storage, name):
    with storage.open(name, "rb") as source:
        reader = _HashingReader(source)
        while reader.read(CHUNK):
            pass
    return reader.hexdigest()


class _HashingReader:
    """A file that adds what is read from it to a SHA-256, so each file is read once."""

    def __init__(self, source):
        self._source = source
        self._hash = hashlib.sha256()

    def read(self, size=-1):
        data = self._source.read(size)
        self._hash.update(data)
        return data

    def hexdigest(self):
        return self._hash.hexdigest()
