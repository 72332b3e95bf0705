"""Write every uploaded file into one archive, with a manifest of checksums."""

import os
from pathlib import Path

from django.core.management.base import BaseCommand

from cylch.media_archive import files, names_in_database, stored_names, write_archive


class Command(BaseCommand):
    help = (
        "Write every file in the media storage (images, renditions, documents) into a "
        "tar.gz with a manifest of sizes and SHA-256 checksums. Take it beside pg_dump: "
        "together they are the whole site. restore_media puts the files back."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "archive", type=Path, help="where to write, e.g. media-2026-11-29.tar.gz"
        )

    def handle(self, *args, archive, **options):
        # Written beside its final name and moved there whole: a cut-short run leaves
        # no archive that looks complete.
        partial = archive.with_name(archive.name + ".partial")
        with partial.open("wb") as target:
            stored = write_archive(target)
        os.replace(partial, archive)

        total = sum(each.size for each in stored)
        self.stdout.write(f"Wrote {files(len(stored))} ({total} bytes) to {archive}.")
        missing = sorted(names_in_database() - set(stored_names()))
        if missing:
            self.stderr.write(
                f"{files(len(missing))} named in the database missing from the storage, "
                f"so no backup holds them: {', '.join(missing)}"
            )
