"""What an operator finds after `manage.py seed_demo`, and that running it again changes nothing.

Publishing the demo weeknotes takes seconds, so the demo is seeded once for this
module, inside a transaction that is rolled back when the module is done. Each
test reads it inside its own savepoint (pytest-django's usual per-test
transaction, nested in this one), so what a test changes is undone after it, and
no test in another module ever sees the demo.
"""

import io
import re
from collections import Counter

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import transaction
from django.utils.html import strip_tags

from accounts.demo import DEMO_PASSWORD, DEMO_PEOPLE
from accounts.groups import EDITORS, FACILITATORS, STAFF
from accounts.models import User
from cms import demo as cms_demo
from cms.models import WeeknoteAuthor, WeeknotePage
from cohorts.models import Cohort, CohortEvent, ExpressionOfInterest, Issue, Membership
from inquiries.models import (
    Comment,
    Cycle,
    Entry,
    EntryKind,
    EntryRevision,
    Inquiry,
    InquiryStatus,
    Notification,
    Visibility,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seeded_demo")]


@pytest.fixture(scope="module")
def seeded_demo(django_db_setup, django_db_blocker):
    # pytest-django keeps connections open between non-transactional tests, so
    # this transaction spans the module on SQLite and PostgreSQL alike.
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


def every_demo_row():
    """Every demo row a person could notice, so a second run that changes any shows."""
    people = sorted(
        (
            u.pk,
            u.email,
            u.display_name,
            u.password,
            u.is_staff,
            u.is_superuser,
            tuple(u.groups.values_list("name")),
        )
        for u in User.objects.all()
    )
    return {
        "people": people,
        "email addresses": sorted(
            EmailAddress.objects.values_list("pk", "email", "verified", "primary")
        ),
        "issues": sorted(Issue.objects.values_list("pk", "slug", "summary")),
        "cohorts": sorted(Cohort.objects.values_list("pk", "slug", "status", "issue")),
        "memberships": sorted(
            Membership.objects.values_list("pk", "user", "cohort", "role", "organisation")
        ),
        "interest": sorted(ExpressionOfInterest.objects.values_list("pk", "user", "issue")),
        "cohort events": CohortEvent.objects.count(),
        "inquiries": sorted(Inquiry.objects.values_list("pk", "title", "visibility", "status")),
        "cycles": sorted(Cycle.objects.values_list("pk", "number", "phase")),
        "entries": sorted(Entry.objects.values_list("pk", "body", "version")),
        "entry revisions": EntryRevision.objects.count(),
        "comments": sorted(Comment.objects.values_list("pk", "body")),
        "notifications": Notification.objects.count(),
        "weeknotes": sorted(
            WeeknotePage.objects.values_list("pk", "slug", "live", "latest_revision_id")
        ),
    }


def test_a_demo_person_for_every_role_can_sign_in_with_the_demo_password(client):
    emails = [email for email, *_rest in DEMO_PEOPLE]
    assert User.objects.filter(email__in=emails).count() == len(DEMO_PEOPLE)
    facilitators = Group.objects.get(name=FACILITATORS).user_set
    assert facilitators.filter(email="facilitator@example.com").exists()
    assert Group.objects.get(name=EDITORS).user_set.filter(email="editor@example.com").exists()
    assert Group.objects.get(name=STAFF).user_set.filter(email="staff@example.com").exists()

    response = client.post(
        "/accounts/login/", {"login": "participant@example.com", "password": DEMO_PASSWORD}
    )

    assert response.status_code == 302
    assert response.url == "/me/"


def test_the_demo_makes_no_superuser_and_nobody_who_reaches_the_django_admin():
    """Operators are made at the server; staff are a group, as DESIGN.md says."""
    assert not User.objects.filter(is_superuser=True).exists()
    assert not User.objects.filter(is_staff=True).exists()


def test_the_demo_inquiries_cover_every_visibility_and_status_with_cycles_and_entries():
    inquiries = Inquiry.objects.all()
    assert {i.visibility for i in inquiries} == set(Visibility.values)
    assert {i.status for i in inquiries} == set(InquiryStatus.values)
    assert Cycle.objects.filter(closed_on__isnull=True).exists()
    assert Cycle.objects.filter(closed_on__isnull=False).exists()
    assert {e.kind for e in Entry.objects.all()} == set(EntryKind.values)
    assert EntryRevision.objects.exists()
    assert Comment.objects.filter(parent__isnull=False).exists()
    assert Notification.objects.filter(recipient__email="participant@example.com").exists()
    assert "<script" not in "".join(Entry.objects.values_list("body_html", flat=True))


def test_the_demo_coach_reads_what_is_shared_and_not_what_is_private(client):
    client.post("/accounts/login/", {"login": "coach@example.com", "password": DEMO_PASSWORD})

    page = client.get("/inquiries/").content.decode()

    assert "Earlier conversations at the pharmacy counter" in page
    assert "Housing first conversations" in page
    assert "Hand-offs between night and day teams" not in page
    assert "My own notes on caseloads" not in page


def published_weeknotes():
    return WeeknotePage.objects.live().public().order_by("week_of", "pk")


def text_of(weeknote) -> str:
    """What a reader reads of a weeknote: title, summary and body, without markup."""
    body = strip_tags(weeknote.body.render_as_block())
    return " ".join([weeknote.title, weeknote.summary, body]).lower()


def test_no_two_demo_weeknotes_share_a_title_or_a_summary():
    titles = list(published_weeknotes().values_list("title", flat=True))
    summaries = list(published_weeknotes().values_list("summary", flat=True))

    assert len(titles) == cms_demo.COUNT >= 20
    assert Counter(titles).most_common(1)[0][1] == 1
    assert Counter(summaries).most_common(1)[0][1] == 1


def test_each_demo_weeknotes_tags_are_words_its_text_uses():
    for weeknote in published_weeknotes().prefetch_related("tags"):
        tags = [tag.name for tag in weeknote.tags.all()]
        text = text_of(weeknote)

        assert tags, weeknote.title
        assert [tag for tag in tags if tag.lower() not in text] == [], weeknote.title


def test_demo_weeknotes_spread_over_twelve_weeks_the_three_issues_and_many_authors(client):
    weeknotes = published_weeknotes()
    per_week = Counter(weeknotes.values_list("week_of", flat=True))
    per_issue = Counter(weeknotes.values_list("issue__slug", flat=True))
    per_author = Counter(
        WeeknoteAuthor.objects.filter(page__in=weeknotes).values_list("slug", flat=True)
    )

    assert len(per_week) == 12
    assert max(per_week.values()) <= 3
    assert set(per_issue) == {"drugs-in-wrexham", "ageing-well", "place-based-working"}
    assert min(per_issue.values()) >= 4
    assert {"wrexham-2026", "rhyl-2026"} <= set(weeknotes.values_list("cohort__slug", flat=True))
    assert len(per_author) >= 8
    assert max(per_author.values()) <= 5
    assert (
        "Priya Participant" in client.get("/weeknotes/?author=priya-participant").content.decode()
    )


def test_demo_weeknotes_are_filed_in_their_authors_cohorts():
    for weeknote in published_weeknotes().filter(cohort__isnull=False):
        members = set(weeknote.cohort.memberships.values_list("user", flat=True))

        assert set(weeknote.authors.values_list("user", flat=True)) <= members, weeknote.title


@pytest.mark.parametrize(
    ("words", "issue", "cohort"),
    [
        ("Wrexham", "drugs-in-wrexham", "wrexham-2026"),
        ("drugs", "drugs-in-wrexham", "wrexham-2026"),
        ("Ageing well", "ageing-well", "rhyl-2026"),
    ],
)
def test_searching_the_demo_finds_the_issue_its_cohort_and_every_weeknote_filed_under_it(
    client, words, issue, cohort
):
    html = client.get("/search/", {"q": words}).content.decode()
    links = re.findall(r'<h2><a href="([^"]+)">', html)

    assert links[:2] == [f"/issues/{issue}/", f"/issues/{issue}/#cohort-{cohort}"]
    filed = published_weeknotes().filter(issue__slug=issue)
    assert {weeknote.url for weeknote in filed} <= set(links)


def test_running_the_demo_again_changes_nothing_and_says_so():
    first = every_demo_row()
    output = io.StringIO()

    call_command("seed_demo", stdout=output)

    assert every_demo_row() == first
    said = output.getvalue()
    assert f"Demo people: 0 created, {len(DEMO_PEOPLE)} already there" in said
    assert "0 memberships added" in said
    assert "Demo inquiries: 0 created, 5 already there." in said
    assert f"Demo weeknotes: 0 published, {cms_demo.COUNT} already there; 0 weeknote" in said


def test_the_demo_shows_a_weeknote_on_its_way(client):
    """Priya's draft, with Cerys's comment, waits for an editor; nobody else sees it."""
    from cms.drafts.models import DraftState, WeeknoteDraft

    draft = WeeknoteDraft.objects.get(owner__email="participant@example.com")
    assert draft.state == DraftState.SUBMITTED
    assert draft.comments.get().author.email == "coach@example.com"
    assert not draft.page.live
    assert draft.title not in client.get("/weeknotes/").content.decode()
