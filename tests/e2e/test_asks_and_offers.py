"""Asks and offers in the browser: participant A asks the cohort for help, participant B
finds it under "Where could I help?" and offers; A gets the notification, replies and
takes the offer up; B hears of it. Every new page is checked (axe, fits the screen), on
a desktop and at 320 px."""

import re

import pytest
from playwright.sync_api import expect

from cohorts.models import Role
from tests.e2e.conftest import Site
from tests.factories import CohortFactory, MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.parametrize("screen", ["desktop", "narrowest"], indirect=True)

ASK = "Someone in housing who can get a tenant a same-week appointment"


def test_a_participant_asks_another_offers_and_the_offer_is_taken_up(site, new_context, mailoutbox):
    cohort = CohortFactory(name="Wrexham 2026", slug="wrexham-2026")
    police = OrganisationFactory(name="North Wales Police", sector="police")
    housing = OrganisationFactory(name="Clwyd Alyn Housing", sector="housing")
    asker = MembershipFactory(
        cohort=cohort, role=Role.PARTICIPANT, organisation=police, user__display_name="Priya"
    ).user
    helper = MembershipFactory(
        cohort=cohort, role=Role.PARTICIPANT, organisation=housing, user__display_name="Gwen"
    ).user
    page = site.page

    # A asks the cohort, from its page, and is told plainly who will see it.
    site.sign_in(asker.email)
    site.visit(cohort.get_absolute_url())
    page.get_by_role("link", name="Ask your cohort for help").first.click()
    expect(page.get_by_text("Everyone in Wrexham 2026 will see this ask")).to_be_visible()
    site.check()
    page.get_by_role("button", name="Post the ask").click()  # empty: the error summary
    expect(page.locator(".error-summary")).to_be_focused()
    site.check()
    page.get_by_label("What you need").fill(ASK)
    page.get_by_label("Housing", exact=True).check()
    page.get_by_role("button", name="Post the ask").click()
    expect(page.get_by_role("heading", name=ASK)).to_be_visible()
    site.check()

    # B finds it first under "Where could I help?", and offers.
    helper_context = new_context()
    helper_site = Site(helper_context.new_page(), site.base_url, "helper")
    helper_site.sign_in(helper.email)
    helper_page = helper_site.page
    helper_site.visit(cohort.get_absolute_url())
    where = helper_page.locator(
        "section", has=helper_page.get_by_role("heading", name="Where could I help?")
    )
    expect(where.get_by_text("Names your organisation or sector")).to_be_visible()
    where.get_by_role("link", name=ASK).click()
    helper_site.check()
    helper_page.get_by_label("How you could help").fill(
        "Our tenancy team keeps two slots a week for urgent cases."
    )
    helper_page.get_by_role("button", name="Send my offer").click()
    expect(
        helper_page.get_by_text("Only the person who asked and the person who offered")
    ).to_be_visible()
    helper_site.check()
    helper_site.visit(f"/cohorts/{cohort.slug}/asks/")

    # A gets the notification, in the header and by email, and opens the thread.
    page.reload()
    site.follow(re.compile("Notifications 1 unread"))
    site.check()
    page.get_by_role("link", name=re.compile("Gwen offered help with your ask")).click()
    expect(page.get_by_text("Our tenancy team keeps two slots a week")).to_be_visible()
    site.check()
    assert any(
        m.to == [asker.email] and "Gwen offered help with your ask" in m.subject for m in mailoutbox
    )
    page.get_by_label("Your message").fill("Thank you! Thursday would be ideal.")
    page.get_by_role("button", name="Send", exact=True).click()
    expect(page.get_by_text("Thank you! Thursday would be ideal.")).to_be_visible()
    page.get_by_role("button", name="Take up this offer").click()
    expect(page.get_by_text(re.compile("Taken up on"))).to_be_visible()
    site.check()

    # B hears both, and the map has its link between the two organisations.
    helper_page.reload()
    helper_site.follow(re.compile("Notifications 2 unread"))
    expect(
        helper_page.get_by_role("link", name=re.compile("Priya took up your offer of help"))
    ).to_be_visible()
    helper_site.check()
    helper_site.visit(f"/cohorts/{cohort.slug}/map/")
    row = helper_page.get_by_role("row").filter(has_text=police.name).filter(has_text=housing.name)
    expect(row).to_contain_text("1 offer taken up")
    expect(helper_page.locator("svg.relationship-map line")).to_have_count(1)
    helper_site.check()

    # A closes the ask with a note; the cohort's list shows it met.
    site.visit(f"/cohorts/{cohort.slug}/asks/")
    page.get_by_role("link", name=ASK).click()
    page.get_by_label("How it was met (optional)").fill("Gwen found a slot on Thursday.")
    page.get_by_role("button", name="Close the ask").click()
    expect(page.get_by_text("Gwen found a slot on Thursday.")).to_be_visible()
    site.check()
    helper_context.close()
