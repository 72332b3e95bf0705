"""The demo: every app's demo data, in the order the domain builds up.

It lives in the wiring because it is the one place allowed to know every app.
"""

import logging

from django.core.management.base import BaseCommand
from django.db import transaction

from accounts import demo as accounts_demo
from accounts.models import User
from cms import demo as cms_demo
from cohorts import demo as cohorts_demo
from inquiries import demo as inquiries_demo

# Each app adds what it shows, in the order the domain builds up. A step
# leaves alone what it finds already there, so running twice changes nothing.
STEPS = [
    accounts_demo.seed,
    cohorts_demo.seed,
    inquiries_demo.seed,
    cms_demo.seed,
]


class Command(BaseCommand):
    help = "Add demo data for every part of the site. Safe to run again: it changes nothing twice."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the database already has people in it.",
        )

    def handle(self, *args, if_empty=False, **options):
        if if_empty and User.objects.exists():
            self.stdout.write("The database already has people in it: no demo data added.")
            return
        # Wagtail logs each page it creates and publishes: dozens of lines here.
        logging.getLogger("wagtail").setLevel(logging.WARNING)
        with transaction.atomic():
            for step in STEPS:
                self.stdout.write(step())
