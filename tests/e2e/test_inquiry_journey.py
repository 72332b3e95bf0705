"""A participant keeps an inquiry; a coach of the cohort reads it; a member of another
cohort cannot find it."""

import re

import pytest
from playwright.sync_api import expect

from cohorts.models import Role
from tests.e2e.conftest import Site
from tests.factories import CohortFactory, MembershipFactory

pytestmark = pytest.mark.parametrize("screen", ["desktop", "phone"], indirect=True)


def test_participant_keeps_an_inquiry_coach_reads_it_outsider_cannot(
    site, new_context, live_server
):
    cohort = CohortFactory(name="Wrexham 2026")
    participant = MembershipFactory(
        cohort=cohort, role=Role.PARTICIPANT, user__email="nia@example.org"
    )
    coach = MembershipFactory(cohort=cohort, role=Role.COACH, user__email="cerys@example.org")
    outsider = MembershipFactory(role=Role.COACH, user__email="rhys@example.org")
    page = site.page

    # The participant starts an inquiry, visible only to them at first.
    site.sign_in(participant.user.email)
    site.follow("Inquiries")
    site.check()
    page.get_by_role("link", name="Start an inquiry").click()
    site.check()
    page.get_by_label("Title").fill("Earlier help at the pharmacy")
    page.get_by_label("Your question").fill("How might I help pharmacists start the conversation?")
    page.get_by_label("Why it matters to you").fill("I only meet people at A&E.")
    page.get_by_label("Only me").check()
    page.get_by_role("button", name="Start the inquiry").click()
    expect(page.get_by_role("heading", name="Earlier help at the pharmacy")).to_be_visible()
    expect(page.get_by_text("Only you can see this inquiry.")).to_be_visible()
    site.check()
    inquiry_url = page.url

    # A first cycle, an action log (previewed first) and a reflection.
    page.get_by_role("link", name="Start a new cycle").click()
    page.get_by_label("What I intend to try").fill("Ask three pharmacists what stops them.")
    site.check()
    page.get_by_role("button", name="Start the cycle").click()
    expect(page.get_by_role("heading", name=re.compile("Cycle 1"))).to_be_visible()

    page.get_by_role("link", name="Log an action").click()
    page.get_by_label("With whom").fill("Two pharmacists on Hope Street")
    page.get_by_label("What I did").fill("Asked what stops them. Both said **time**.")
    page.get_by_role("button", name="Preview").click()
    expect(page.locator(".preview strong")).to_have_text("time")
    site.check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".entry--action strong")).to_have_text("time")

    page.get_by_role("link", name="Write a reflection").click()
    reflection = page.get_by_label("Your reflection")
    expect(reflection).to_have_value(re.compile("## What happened"))
    reflection.fill("## What happened\nNobody mentioned training.\n\n## So what\nThe hand-over.")
    site.check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="So what")).to_be_visible()

    # Now the coaches of the cohort may see it.
    page.get_by_text("Change who can see it").click()
    page.get_by_label("Me and the coaches of my cohort").check()
    page.get_by_role("button", name="Save who can see it").click()
    expect(
        page.get_by_text("You and the coaches of Wrexham 2026 can see this inquiry.")
    ).to_be_visible()
    site.check()

    # The coach finds it among what is shared with them and reads it.
    coach_context = new_context()
    coach_site = Site(coach_context.new_page(), live_server.url, "coach")
    coach_site.sign_in(coach.user.email)
    coach_site.visit("/inquiries/")
    coach_site.page.get_by_role("link", name="Earlier help at the pharmacy").click()
    expect(coach_site.page.get_by_text("Asked what stops them.")).to_be_visible()
    expect(coach_site.page.get_by_role("link", name="Log an action")).to_have_count(0)
    coach_site.check()
    # ... and comments on the action log.
    coach_site.page.locator(".entry--action").get_by_text("Comment on this entry").click()
    coach_site.page.locator(".entry--action").get_by_label("Your comment").fill("Who else?")
    coach_site.page.get_by_role("button", name="Send comment").first.click()
    expect(coach_site.page.locator(".comment__body")).to_have_text("Who else?")
    coach_site.check()
    coach_context.close()

    # The participant hears of it in the header, and it opens on the comment.
    page.reload()
    site.follow(re.compile("Notifications 1 unread"))
    site.check()
    page.get_by_role("link", name=re.compile("commented on your action in cycle 1 of")).click()
    expect(page.locator(".comment__body")).to_have_text("Who else?")
    site.open_menu()
    expect(page.get_by_role("link", name="Notifications", exact=True)).to_be_visible()

    # A coach of another cohort sees nothing of it, not even that it exists.
    outsider_context = new_context()
    outsider_site = Site(outsider_context.new_page(), live_server.url, "outsider")
    outsider_site.sign_in(outsider.user.email)
    outsider_site.visit("/inquiries/")
    expect(outsider_site.page.get_by_text("Earlier help at the pharmacy")).to_have_count(0)
    outsider_site.page.goto(inquiry_url)
    expect(
        outsider_site.page.get_by_role("heading", name="We can’t find that page")
    ).to_be_visible()
    expect(outsider_site.page.get_by_text("Earlier help at the pharmacy")).to_have_count(0)
    outsider_context.close()
