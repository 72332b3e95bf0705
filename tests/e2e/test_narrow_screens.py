"""At 320 px, the narrowest phone people still use, every page fits its screen: the public
pages to a reader, then every page a facilitator with a long name runs a cohort from.

``site.check()`` does the measuring on each page (nothing wider than the viewport, and
axe-core finds nothing); the tests here bring the pages with the most to show."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from playwright.sync_api import expect

from accounts.groups import FACILITATORS
from cms.drafts.services import draft_start
from cohorts.models import Role
from cohorts.services.invitations import invitation_create
from inquiries.services import comment_create, entry_create
from tests.cms.builders import make_weeknote
from tests.factories import (
    CohortFactory,
    CycleFactory,
    ExpressionOfInterestFactory,
    InquiryFactory,
    IssueFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = pytest.mark.parametrize("screen", ["narrowest"], indirect=True)


@pytest.fixture
def busy_issue():
    """An issue with two cohorts, people interested and invited, an inquiry with a
    comment on it, and a weeknote: each wide table and long line the site can show."""
    issue = IssueFactory(title="Drugs and alcohol in Wrexham town centre", slug="drugs-in-wrexham")
    facilitator = UserFactory(
        display_name="Fiona Featherstonehaugh-Llewellyn", email="fiona@example.org"
    )
    facilitator.groups.add(Group.objects.get(name=FACILITATORS))
    cohort = CohortFactory(
        issue=issue, name="Wrexham town centre 2026", slug="wrexham-2026", place="Wrexham"
    )
    CohortFactory(issue=issue, name="Wrexham and Flintshire 2027", place="Flintshire")
    MembershipFactory(cohort=cohort, user=facilitator, role=Role.FACILITATOR)
    coach = MembershipFactory(cohort=cohort, role=Role.COACH).user
    police = OrganisationFactory(name="North Wales Police", sector="police")
    ExpressionOfInterestFactory(
        issue=issue,
        organisation=police,
        user=UserFactory(display_name="Priya Patel"),
        wants_to_work_on="Why people leave treatment early, and what brings them back.",
    )
    invitation_create(
        cohort=cohort,
        email="someone.with.a.long.address@betsicadwaladr.wales.nhs.uk",
        role=Role.PARTICIPANT,
        invited_by=facilitator,
    )
    inquiry = InquiryFactory(owner=facilitator, cohort=cohort, title="Earlier help at the pharmacy")
    entry = entry_create(
        cycle=CycleFactory(inquiry=inquiry),
        user=facilitator,
        kind="action",
        body="Asked two pharmacists on Hope Street what stops them. Both said **time**.",
    )
    comment_create(inquiry=inquiry, author=coach, entry=entry, body="Who else could ask?")
    weeknote = make_weeknote(
        title="Walking the harbour with the outreach team",
        authors=[facilitator],
        tags=["harbour walks", "first contact"],
        issue=issue,
        cohort=cohort,
    )
    return {"facilitator": facilitator, "inquiry": inquiry, "weeknote": weeknote}


PUBLIC_PAGES = ["/", "/issues/", "/issues/drugs-in-wrexham/", "/weeknotes/"]


def test_public_pages_fit_the_narrowest_phone(site, busy_issue):
    for path in [*PUBLIC_PAGES, busy_issue["weeknote"].url]:
        assert site.visit(path).ok, path
    expect(site.page.get_by_role("heading", level=1)).to_have_text(
        "Walking the harbour with the outreach team"
    )


def test_a_facilitators_pages_fit_the_narrowest_phone(site, busy_issue):
    cycle = busy_issue["inquiry"].cycles.get()
    draft = draft_start(
        owner=busy_issue["facilitator"], cycle=cycle, entry_ids=[cycle.entries.get().pk]
    )
    site.sign_in(busy_issue["facilitator"].email)
    # Signed in, the header is still one short row: its links wait behind "Menu".
    assert site.page.locator(".site-header").bounding_box()["height"] <= 64
    for path in [
        *PUBLIC_PAGES,
        busy_issue["weeknote"].url,
        "/cohorts/wrexham-2026/",
        "/cohorts/wrexham-2026/invitations/",
        "/issues/drugs-in-wrexham/forming/",
        busy_issue["inquiry"].get_absolute_url(),
        reverse("notifications:list"),
        reverse("accounts:me"),
        reverse("accounts:profile"),
        reverse("accounts:export"),
        reverse("accounts:delete"),
        reverse("weeknote_drafts:list"),
        reverse("weeknote_drafts:start", args=[cycle.pk]),
        draft.get_absolute_url(),
        reverse("weeknote_drafts:edit", args=[draft.pk]),
    ]:
        assert site.visit(path).ok, path
