"""Issue 14's journey: a participant logs an action with two organisations, and their coach
sees the new links on the relationship map, in the table and in the picture; then another
participant asks the cohort for help, the first offers it, the asker takes the offer up,
and the map counts it on the link between their organisations."""

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


def test_a_coach_sees_the_links_of_an_action_and_of_an_offer_taken_up(
    site, new_context, live_server
):
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
        cohort=cohort,
        role=Role.PARTICIPANT,
        organisation=police,
        user__email="nia@example.org",
        user__display_name="Nia",
    )
    asker = MembershipFactory(
        cohort=cohort, role=Role.PARTICIPANT, organisation=housing, user__display_name="Gwen"
    )
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

    # Another participant asks the cohort for help; the first offers; the offer is taken up.
    asker_site = Site(new_context().new_page(), live_server.url, "asker")
    asker_site.sign_in(asker.user.email)
    asker_site.visit(f"/cohorts/{cohort.slug}/asks/new/")
    asker_page = asker_site.page
    asker_page.get_by_label("What you need").fill("A PCSO at a tenancy visit this week")
    asker_page.get_by_label("Police and justice", exact=True).check()
    asker_page.get_by_role("button", name="Post the ask").click()
    ask_url = asker_page.url

    site.visit(f"/cohorts/{cohort.slug}/")
    page.get_by_role("link", name="A PCSO at a tenancy visit this week").first.click()
    page.get_by_label("How you could help").fill("Our neighbourhood team can come on Thursday.")
    page.get_by_role("button", name="Send my offer").click()
    expect(page.get_by_text("Our neighbourhood team can come on Thursday.")).to_be_visible()

    asker_site.visit(ask_url.removeprefix(live_server.url))
    asker_page.get_by_role("link", name="From Nia").click()
    asker_page.get_by_role("button", name="Take up this offer").click()
    expect(asker_page.get_by_text("Taken up on")).to_be_visible()

    # The coach's map now counts the offer on the police–housing link.
    coach_site.visit(map_path)
    row = (
        table.get_by_role("row")
        .filter(has_text="North Wales Police")
        .filter(has_text="Clwyd Alyn Housing")
    )
    expect(row).to_contain_text("2")
    expect(row).to_contain_text("1 offer taken up")
    expect(picture.locator("line")).to_have_count(3)
    expect(picture.locator("line title", has_text="North Wales Police and Clwyd")).to_contain_text(
        "1 logged action and 1 offer of help taken up"
    )
    coach_site.check()
