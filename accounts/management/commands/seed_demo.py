from django.core.management.base import BaseCommand

from accounts.demo import DEMO_PASSWORD, seed_people
from accounts.models import User


class Command(BaseCommand):
    help = "Add demo data (people for every role). Safe to run again: it changes nothing twice."

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
        created, kept = seed_people()
        self.stdout.write(f"Demo people: {created} created, {kept} already there.")
        self.stdout.write(f"Demo password for every demo person: {DEMO_PASSWORD}")
