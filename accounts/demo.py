"""Demo people, one for each role in DESIGN.md, with a known password.

Idempotent: a person who already exists is left exactly as they are.
"""

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.db import transaction

from .groups import EDITORS, FACILITATORS
from .models import User

DEMO_PASSWORD = "cylch-demo-2026"  # noqa: S105 - published in README for demo sign-in

DEMO_PEOPLE = [
    # email, display name, site-wide groups, is staff
    ("participant@example.com", "Priya Participant", [], False),
    ("participant2@example.com", "Owen Participant", [], False),
    ("coach@example.com", "Cerys Coach", [], False),
    ("facilitator@example.com", "Fiona Facilitator", [FACILITATORS], False),
    ("editor@example.com", "Evan Editor", [EDITORS], False),
    ("staff@example.com", "Sam Staff", [], True),
]


def seed() -> str:
    created, kept = seed_people()
    return f"Demo people: {created} created, {kept} already there (password {DEMO_PASSWORD})."


def demo_person(email: str) -> User:
    return User.objects.get(email=email)


def ensure_person(
    email: str, display_name: str = "", *, group_names=(), is_staff: bool = False
) -> tuple[User, bool]:
    """A demo person who can sign in with the demo password; (person, created).

    One who already exists is returned exactly as they are.
    """
    user = User.objects.filter(email=email).first()
    if user:
        return user, False
    user = User.objects.create_user(
        email=email,
        password=DEMO_PASSWORD,
        display_name=display_name,
        is_staff=is_staff,
        is_superuser=is_staff,
    )
    if group_names:
        user.groups.set(Group.objects.filter(name__in=group_names))
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user, True


@transaction.atomic
def seed_people() -> tuple[int, int]:
    """Create the demo people who are missing; return (created, kept)."""
    created = 0
    for email, display_name, group_names, is_staff in DEMO_PEOPLE:
        _user, made = ensure_person(email, display_name, group_names=group_names, is_staff=is_staff)
        created += made
    return created, len(DEMO_PEOPLE) - created
