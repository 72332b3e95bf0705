"""Put back the files of an archive written by backup_media."""

import tarfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cylch.media_archive import ArchiveError, files, read_manifest, restore, verify


class Command(BaseCommand):
    help = (
        "Check every file of an archive from backup_media against its checksum, then put "
        "each back in the media storage under its own name. Files already there and "
        "identical are left alone; files not in the archive are not touched."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument(
            "--check",
            action="store_true",
            help="only check the archive against its manifest; write nothing",
        )

    def handle(self, *args, archive, check, **options):
        try:
            with tarfile.open(archive, mode="r:gz") as opened:
                stored = read_manifest(opened)
                # Checked whole before anything is written: a damaged archive changes nothing.
                verify(opened, stored)
                if check:
                    self.stdout.write(
                        f"{archive}: {files(len(stored))}, each matches its checksum."
                    )
                    return
                written, unchanged = restore(opened, stored)
        except (ArchiveError, OSError, tarfile.TarError) as error:
            raise CommandError(f"Restoring from {archive} stopped: {error}") from error
        self.stdout.write(f"Restored {files(written)}; {files(unchanged)} already in place.")
