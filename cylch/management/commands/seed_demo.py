"""The demo: every app's demo data, in the order the domain builds up.

It lives in the wiring because it is the one place allowed to know every app.
"""

import logging

from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings

from accounts import demo as accounts_demo
from accounts.models import User
from cms import demo as cms_demo
from cohorts import demo as cohorts_demo
from contributions import asks_demo, chains_demo
from contributions import demo as contributions_demo
from inquiries import demo as inquiries_demo

# Each app adds what it shows, in the order the domain builds up. A step
# leaves alone what it finds already there, so running twice changes nothing.
STEPS = [
    accounts_demo.seed,
    cohorts_demo.seed,
    inquiries_demo.seed,
    contributions_demo.seed,  # actions that name organisations: the relationship map
    chains_demo.seed,
    asks_demo.seed,
    cms_demo.seed,
]

NO_EMAIL = "django.core.mail.backends.dummy.EmailBackend"


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
        # The demo tells of things already done: the services it goes through would
        # email the demo people (at example.com) about each; nobody is.
        with override_settings(EMAIL_BACKEND=NO_EMAIL), transaction.atomic():
            for step in STEPS:
                self.stdout.write(step())
