"""A participant follows their cycle's next step from plan to close, then closes it and
starts the next, with what they will try next carried into the new plan."""

import re

from playwright.sync_api import expect

from cohorts.models import Role
from tests.factories import CohortFactory, CycleFactory, InquiryFactory, MembershipFactory


def test_follow_the_next_step_then_close_and_start_the_next_cycle(site):
    cohort = CohortFactory(name="Llandudno 2026")
    participant = MembershipFactory(cohort=cohort, role=Role.PARTICIPANT).user
    inquiry = InquiryFactory(
        owner=participant, cohort=cohort, title="Meeting young people at the bus station"
    )
    CycleFactory(inquiry=inquiry, number=1, intention="Wait at the bus station on Friday.")
    page = site.page
    next_step = page.locator(".cycle__next")

    site.sign_in(participant.email)
    site.visit(inquiry.get_absolute_url())
    # One cycle at a time: no new one offered while this one is open.
    expect(page.get_by_role("link", name="Start a new cycle")).to_have_count(0)
    expect(next_step.get_by_role("link", name="Log an action")).to_be_visible()

    # Plan: log an action, previewed first (the focus goes to the preview).
    next_step.get_by_role("link", name="Log an action").click()
    page.get_by_label("What I did").fill("Talked with **four** of them by the shelter.")
    page.get_by_role("button", name="Preview").click()
    expect(page.locator(".preview")).to_be_focused()
    site.check()
    page.get_by_role("button", name="Save").click()
    expect(
        page.get_by_text("When you are ready, press “Move to act” on the cycle.")
    ).to_be_visible()

    # The suggestion is a button, and nothing moved by itself.
    expect(page.get_by_text("now: Plan")).to_be_visible()
    site.check()
    next_step.get_by_role("button", name="Move to act").click()
    expect(page.get_by_text("now: Act")).to_be_visible()
    next_step.get_by_role("button", name="Move to observe").click()
    expect(page.get_by_text("now: Observe")).to_be_visible()

    # Observe: a reflection of the headings alone is refused, and the text kept.
    next_step.get_by_role("link", name="Write a reflection").click()
    page.get_by_role("button", name="Save").click()
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link", name=re.compile("only the headings"))).to_be_visible()
    site.check()
    reflection = page.get_by_label("Your reflection")
    expect(reflection).to_have_value(re.compile("## So what"))
    reflection.fill("## What happened\nThey knew the drivers.\n\n## So what\nDrivers are a way in.")
    page.get_by_role("button", name="Save").click()
    next_step.get_by_role("button", name="Move to reflect").click()

    # Reflect: close the cycle, and start the next from what comes next.
    next_step.get_by_role("link", name="Close this cycle").click()
    site.check()
    page.get_by_label("What I learned").fill("The drivers know who is struggling.")
    page.get_by_label("What I will try next").fill("Ask the drivers to introduce me.")
    page.get_by_role("button", name="Close and start the next cycle").click()
    expect(page.get_by_role("heading", name="Start a cycle")).to_be_visible()
    expect(page.get_by_text("Cycle 1 closed.")).to_be_visible()
    expect(page.get_by_label("What I intend to try")).to_have_value(
        "Ask the drivers to introduce me."
    )
    site.check()
    page.get_by_role("button", name="Start the cycle").click()

    cycle_two = page.locator("#cycle-2")
    expect(cycle_two).to_contain_text("Ask the drivers to introduce me.")
    expect(
        cycle_two.locator(".cycle__next").get_by_role("link", name="Log an action")
    ).to_be_visible()
    expect(page.get_by_role("link", name="Start a new cycle")).to_have_count(0)
    site.check()
