import datetime

import pytest
from django.core.management import call_command

from accounts.demo import DEMO_PASSWORD, seed_people
from accounts.models import User
from cohorts.models import Cohort, Issue, Membership, Role
from inquiries.models import Comment, Cycle, Entry, EntryRevision, Inquiry, Notification
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        sorted(Inquiry.objects.values_list("pk", "title", "visibility", "status")),
        sorted(Cycle.objects.values_list("pk", "number", "phase")),
        sorted(Entry.objects.values_list("pk", "body", "version")),
        EntryRevision.objects.count(),
        sorted(Comment.objects.values_list("pk", "body")),
        Notification.objects.count(),
        sorted(Membership.objects.values_list("pk", "user__email", "role")),
    )


def test_demo_inquiries_cover_every_visibility_and_status_with_cycles_and_entries():
    call_command("seed_demo")

    inquiries = Inquiry.objects.all()
    assert {i.visibility for i in inquiries} == {"private", "coaches", "cohort"}
    assert {i.status for i in inquiries} == {"active", "paused", "finished"}
    assert Cycle.objects.filter(closed_on__isnull=True).exists()
    assert Cycle.objects.filter(closed_on__isnull=False).exists()
    assert {e.kind for e in Entry.objects.all()} == {"action", "reflection"}
    assert EntryRevision.objects.exists()
    assert Comment.objects.filter(parent__isnull=False).exists()
    assert Notification.objects.filter(recipient__email="participant@example.com").exists()
    assert "<script" not in "".join(Entry.objects.values_list("body_html", flat=True))


def test_the_demo_coach_reads_what_is_shared_and_not_what_is_private(client):
    call_command("seed_demo")
    client.post("/accounts/login/", {"login": "coach@example.com", "password": DEMO_PASSWORD})

    page = client.get("/inquiries/").content.decode()

    assert "Earlier conversations at the pharmacy counter" in page
    assert "Housing first conversations" in page
    assert "Hand-offs between night and day teams" not in page
    assert "My own notes on caseloads" not in page


def test_seeding_twice_changes_nothing(capsys):
    call_command("seed_demo")
    first = snapshot()

    call_command("seed_demo")

    assert snapshot() == first
    assert "Demo inquiries: 0 created, 5 already there." in capsys.readouterr().out


def test_seeding_after_the_cohorts_demo_reuses_its_cohorts_and_memberships():
    # As if the cohorts demo had run first, with its own choices.
    seed_people()
    issue = Issue.objects.create(slug="drugs-in-wrexham", title="Drugs", summary="S")
    cohort = Cohort.objects.create(
        slug="wrexham-2026",
        name="Wrexham",
        issue=issue,
        place="Wrexham",
        starts_on=datetime.date(2026, 9, 1),
        ends_on=datetime.date(2027, 3, 1),
    )
    coach = Membership.objects.create(
        user=User.objects.get(email="coach@example.com"),
        cohort=cohort,
        role=Role.COACH,
        organisation=OrganisationFactory(name="north wales police"),
    )

    call_command("seed_demo")

    assert Cohort.objects.filter(slug="wrexham-2026").count() == 1
    coach.refresh_from_db()
    assert coach.organisation.name == "north wales police"
    assert Inquiry.objects.filter(cohort=cohort).count() == 5
