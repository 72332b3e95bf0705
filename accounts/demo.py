"""Demo people, one for each role in DESIGN.md, with a known password.

Idempotent: a person who already exists is left exactly as they are. Nobody is a
superuser: operators are made at the server (`manage.py createsuperuser`), never here.
"""

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.db import transaction

from .groups import EDITORS, FACILITATORS, STAFF
from .models import User

DEMO_PASSWORD = "cylch-demo-2026"  # noqa: S105 - published in README for demo sign-in

DEMO_PEOPLE = [
    # email, display name, site-wide groups
    ("participant@example.com", "Priya Participant", []),
    ("participant2@example.com", "Owen Participant", []),
    ("coach@example.com", "Cerys Coach", []),
    ("facilitator@example.com", "Fiona Facilitator", [FACILITATORS]),
    ("editor@example.com", "Evan Editor", [EDITORS]),
    ("staff@example.com", "Sam Staff", [STAFF]),
]


def seed() -> str:
    created, kept = seed_people()
    return f"Demo people: {created} created, {kept} already there (password {DEMO_PASSWORD})."


def demo_person(email: str) -> User:
    return User.objects.get(email=email)


def ensure_person(email: str, display_name: str = "", *, group_names=()) -> tuple[User, bool]:
    """A demo person who can sign in with the demo password; (person, created).

    One who already exists is returned exactly as they are.
    """
    user = User.objects.filter(email=email).first()
    if user:
        return user, False
    user = User.objects.create_user(email=email, password=DEMO_PASSWORD, display_name=display_name)
    if group_names:
        user.groups.set(Group.objects.filter(name__in=group_names))
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user, True


@transaction.atomic
def seed_people() -> tuple[int, int]:
    """Create the demo people who are missing; return (created, kept)."""
    created = 0
    for email, display_name, group_names in DEMO_PEOPLE:
        _user, made = ensure_person(email, display_name, group_names=group_names)
        created += made
    return created, len(DEMO_PEOPLE) - created
