"""Data at scale for benchmarks (issue 13): see bench/README.md.

It lives in the wiring because it writes to every app.
"""

import logging

from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from bench.scale import AlreadyBuilt, build_scale_data

NO_EMAIL = "django.core.mail.backends.dummy.EmailBackend"


class Command(BaseCommand):
    help = (
        "Fill a fresh database with the programme at scale: 100 cohorts, 3,000 people, "
        "6,000 inquiries, about 300,000 entries, 500,000 comments and 10,000 weeknotes "
        "at --scale 1."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale", type=float, default=0.1, help="A fraction of the full programme, 0.01 to 1."
        )
        parser.add_argument(
            "--seed", type=int, default=1, help="The same seed and scale write the same data."
        )

    def handle(self, *args, scale, seed, **options):
        logging.getLogger("wagtail").setLevel(logging.WARNING)
        try:
            # The services it goes through tell nobody: the people are made up. With
            # DEBUG on, Django would keep the last 9,000 statements, each a batch of rows.
            with override_settings(EMAIL_BACKEND=NO_EMAIL, DEBUG=False):
                build_scale_data(scale=scale, seed=seed, write=self.stdout.write)
        except (AlreadyBuilt, ValueError) as error:
            raise CommandError(str(error)) from error
