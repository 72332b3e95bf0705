"""A participant says what their inquiry is for; on the cohort's board a fellow sees that
their two inquiries seek the same benefit."""

import pytest
from playwright.sync_api import expect

from cohorts.models import Role
from contributions.models import InquiryChain
from tests.factories import CohortFactory, CycleFactory, InquiryFactory, MembershipFactory

pytestmark = pytest.mark.parametrize("screen", ["desktop", "narrowest"], indirect=True)


def test_a_participant_states_a_chain_and_a_fellow_sees_where_their_work_meets(
    site, new_context, live_server
):
    cohort = CohortFactory(name="Wrexham 2026", slug="wrexham-2026")
    nia = MembershipFactory(cohort=cohort, role=Role.PARTICIPANT, user__email="nia@example.org")
    dai = MembershipFactory(cohort=cohort, role=Role.PARTICIPANT, user__email="dai@example.org")
    mine = InquiryFactory(
        owner=nia.user, cohort=cohort, visibility="cohort", title="Earlier help at the pharmacy"
    )
    CycleFactory(inquiry=mine, number=1, intention="Ask three pharmacists what stops them.")
    theirs = InquiryFactory(
        owner=dai.user, cohort=cohort, visibility="cohort", title="Housing first conversations"
    )
    InquiryChain.objects.create(
        inquiry=theirs, benefit="fewer people in CRISIS", users="Housing officers"
    )
    page = site.page

    # Nia says what her inquiry is for; a tab pasted into a one-line field is refused first.
    site.sign_in(nia.user.email)
    site.visit(mine.get_absolute_url())
    page.get_by_role("link", name="Say what this work is for").click()
    expect(page.get_by_text("Whoever can read your inquiry")).to_be_visible()
    site.check()
    page.get_by_label("The benefit you seek").fill("Fewer people\tin crisis.")
    page.get_by_label("Who will use what your work makes").fill("Community pharmacists")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".error-summary")).to_be_focused()
    expect(page.get_by_label("Who will use what your work makes")).to_have_value(
        "Community pharmacists"
    )
    site.check()
    page.get_by_label("The benefit you seek").fill("Fewer people in crisis.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="What this work is for")).to_be_visible()
    expect(page.get_by_text("Fewer people in crisis.")).to_be_visible()
    site.check()

    # Dai finds the board from the cohort page: their two inquiries meet on one benefit.
    other = new_context().new_page()
    other.set_default_timeout(10_000)
    fellow = type(site)(other, live_server.url, site.test_name + "-dai")
    fellow.sign_in(dai.user.email)
    fellow.visit(f"/cohorts/{cohort.slug}/")
    other.get_by_role("link", name="See what each of us wants to achieve").click()
    fellow.check()
    shared = other.locator(".meeting")
    expect(shared).to_have_count(1)
    expect(shared).to_contain_text("Earlier help at the pharmacy")
    expect(shared).to_contain_text("Housing first conversations")
    expect(other.locator(".chain-grid > li")).to_have_count(2)
    expect(other.locator(".chain-grid")).to_contain_text("Cycle 1: Ask three pharmacists")
