"""The people and work the cluster tests act on, written once into the cluster's database.

Run by the harness as a production host would run a command
(``python -m tests.cluster.world`` with the production environment); prints, as its last
line, a JSON map of who and what the tests use. Everything is made through the project's
services and factories, so it holds the same rules as data made through the site.

People the load test signs in get a session made here: thirty sign-ins through the form
in a minute would meet allauth's rate limit, which is doing its job. Sign-in through the
form is tested on its own (test_one_site.py).
"""

import importlib
import json

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.db import transaction  # noqa: E402
from django.test.utils import override_settings  # noqa: E402

from accounts.groups import EDITORS  # noqa: E402
from cms.drafts import services as drafts  # noqa: E402
from cohorts.models import Role  # noqa: E402
from inquiries import services  # noqa: E402
from inquiries.models import EmailChoice, EntryKind, Visibility  # noqa: E402
from tests.cms.drafts.steps import fill  # noqa: E402
from tests.factories import (  # noqa: E402
    PASSWORD,
    CohortFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)

LOAD_PARTICIPANTS = 30
FAULT_PARTICIPANTS = 8
DIGEST_PEOPLE = 5
COACHES = 2
WEEKNOTE_TITLE = "What two servers taught us"


def session_for(user) -> str:
    store = importlib.import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.save()
    return store.session_key


class Cohort:
    def __init__(self):
        self.cohort = CohortFactory(name="The cluster cohort", slug="cluster")
        self.organisation = OrganisationFactory()
        # One hash for everyone: production's hasher takes a good part of a second each.
        self.password_hash = make_password(PASSWORD)

    def person(self, email: str, name: str):
        # The factory would hash the hash given to it: the hash is set afterwards.
        user = UserFactory(email=email, display_name=name, password=None)
        user.password = self.password_hash
        user.save(update_fields=["password"])
        return user

    def member(self, role: str, email: str, name: str):
        user = self.person(email, name)
        MembershipFactory(user=user, cohort=self.cohort, role=role, organisation=self.organisation)
        return user

    def participant(self, label: str) -> dict:
        """A participant with an inquiry their cohort can read, in its first cycle."""
        user = self.member(Role.PARTICIPANT, f"{label}@cluster.example.org", label.title())
        inquiry = services.inquiry_create(
            owner=user,
            cohort=self.cohort,
            title=f"What {label} is finding out",
            question="What changes when agencies share one front door?",
            visibility=Visibility.COHORT,
        )
        cycle = services.cycle_start(inquiry=inquiry, user=user, intention="Try it for a week.")
        return {
            "user": user,
            "email": user.email,
            "session": session_for(user),
            "inquiry": inquiry.pk,
            "cycle": cycle.number,
        }


def weeknote_in_review(owner: dict, cycle_number: int) -> dict:
    """A weeknote its author sent to the editors: its page exists, not live, in review."""
    user = owner["user"]
    cycle = user.inquiries.get().cycles.get(number=cycle_number)
    entry = services.entry_create(
        cycle=cycle, user=user, kind=EntryKind.ACTION, body="We met at the bus station."
    )
    draft = drafts.draft_start(owner=user, cycle=cycle, entry_ids=[entry.pk])
    fill(draft, user, title=WEEKNOTE_TITLE)
    draft = drafts.draft_submit(draft=draft, user=user)
    page = draft.page.specific
    return {
        "page": page.pk,
        "task_state": page.current_workflow_state.current_task_state.pk,
        "title": draft.title,
        "path": f"{page.get_parent().url}{page.slug}/",
    }


def build() -> dict:
    cohort = Cohort()
    coaches = [
        cohort.member(Role.COACH, f"coach{n}@cluster.example.org", f"Coach {n}")
        for n in range(COACHES)
    ]
    load = [cohort.participant(f"load{n}") for n in range(LOAD_PARTICIPANTS)]
    faults = [cohort.participant(f"fault{n}") for n in range(FAULT_PARTICIPANTS)]
    alice = cohort.participant("alice")
    digest = [cohort.participant(f"digest{n}") for n in range(DIGEST_PEOPLE)]
    for person in digest:
        services.notification_settings_update(
            user=person["user"], email=EmailChoice.DIGEST, weeknote_reminders=False
        )
        services.comment_create(
            inquiry=person["user"].inquiries.get(), author=coaches[0], body="How did it go?"
        )
    editor = cohort.person("editor@cluster.example.org", "Evan Editor")
    editor.groups.add(Group.objects.get(name=EDITORS))
    return {
        "password": PASSWORD,
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "csrf_cookie": settings.CSRF_COOKIE_NAME,
        "coaches": [{"email": c.email, "session": session_for(c)} for c in coaches],
        "editor": {"email": editor.email, "session": session_for(editor)},
        "alice": _public(alice),
        "load": [_public(p) for p in load],
        "faults": [_public(p) for p in faults],
        "digest": [p["email"] for p in digest],
        "weeknote": weeknote_in_review(alice, alice["cycle"]),
    }


def _public(person: dict) -> dict:
    return {key: value for key, value in person.items() if key != "user"}


if __name__ == "__main__":
    # Made as history, not news: nobody is emailed about the world being built.
    no_email = override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend")
    with no_email, transaction.atomic():
        world = build()
    print(json.dumps(world))
