"""A participant logs an action with two organisations; their coach sees the new link on the
relationship map, in the table and in the picture."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cohorts.models import Role, Sector
from tests.e2e.conftest import Site
from tests.factories import (
    CohortFactory,
    CycleFactory,
    InquiryFactory,
    MembershipFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.parametrize("screen", ["desktop", "narrowest"], indirect=True)


def test_a_coach_sees_the_link_a_participant_just_logged(site, new_context, live_server):
    today = timezone.localdate()
    cohort = CohortFactory(
        name="Wrexham 2026",
        starts_on=today - datetime.timedelta(days=60),
        ends_on=today + datetime.timedelta(days=120),
    )
    police = OrganisationFactory(name="North Wales Police", sector=Sector.POLICE)
    housing = OrganisationFactory(name="Clwyd Alyn Housing", sector=Sector.HOUSING)
    health = OrganisationFactory(name="Betsi Cadwaladr Health Board", sector=Sector.HEALTH)
    participant = MembershipFactory(
        cohort=cohort, role=Role.PARTICIPANT, organisation=police, user__email="nia@example.org"
    )
    MembershipFactory(cohort=cohort, role=Role.PARTICIPANT, organisation=housing)
    coach = MembershipFactory(
        cohort=cohort, role=Role.COACH, organisation=health, user__email="cerys@example.org"
    )
    inquiry = InquiryFactory(
        owner=participant.user, cohort=cohort, title="Earlier help", visibility="coaches"
    )
    CycleFactory(inquiry=inquiry, number=1, started_on=today - datetime.timedelta(days=7))
    map_path = f"/cohorts/{cohort.slug}/map/"

    # Before anything is logged, the coach finds an empty map that says why.
    coach_site = Site(new_context().new_page(), live_server.url, "coach")
    coach_site.sign_in(coach.user.email)
    coach_site.visit(map_path)
    expect(coach_site.page.get_by_text("No actions involving two organisations")).to_be_visible()

    # The participant logs an action that involved two other organisations.
    page = site.page
    site.sign_in(participant.user.email)
    site.visit(inquiry.get_absolute_url())
    page.get_by_role("link", name="Log an action").click()
    page.get_by_label("Clwyd Alyn Housing").check()
    page.get_by_label("Betsi Cadwaladr Health Board").check()
    page.get_by_label("What I did").fill("A joint visit to a tenant, with the nurse.")
    site.check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".entry--action")).to_contain_text("A joint visit to a tenant")

    # The coach reloads the map: three new links, in the table and in the picture.
    coach_site.visit(map_path)
    coach = coach_site.page
    table = coach.get_by_role("table")
    expect(table.get_by_role("row")).to_have_count(4)
    expect(table).to_contain_text("Clwyd Alyn Housing")
    expect(table).to_contain_text("Betsi Cadwaladr Health Board")
    picture = coach.get_by_role("img", name="Relationship map of Wrexham 2026, all time")
    expect(picture).to_be_visible()
    expect(picture.locator("line")).to_have_count(3)
    expect(picture.locator("line title").first).to_contain_text("worked together in 1 logged")
    new_links = coach.get_by_role("region", name="New links in")
    expect(new_links).to_contain_text("North Wales Police and Clwyd Alyn Housing")

    # The cohort page shows a small version that leads to the map.
    coach_site.visit(f"/cohorts/{cohort.slug}/")
    expect(coach.locator(".relationship-map-figure--small line")).to_have_count(3)
    coach.get_by_role("link", name="See the relationship map, month by month").click()
    expect(coach.get_by_role("heading", name="Relationship map", exact=True)).to_be_visible()
    coach_site.check()
