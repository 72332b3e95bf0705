"""The coaching conversation: a participant shares an inquiry with coaches; the coach sees the
notification, opens it and comments on a reflection; the participant sees the count,
reads the comment and replies; the coach gets the reply."""

import re

import pytest
from playwright.sync_api import expect

from cohorts.models import Role
from tests.e2e.conftest import Site
from tests.factories import CohortFactory, CycleFactory, InquiryFactory, MembershipFactory

pytestmark = pytest.mark.parametrize("screen", ["desktop", "phone"], indirect=True)


def test_a_coach_and_a_participant_talk_about_a_reflection(
    site, new_context, live_server, mailoutbox
):
    cohort = CohortFactory(name="Rhyl 2026")
    participant = MembershipFactory(cohort=cohort, role=Role.PARTICIPANT).user
    coach = MembershipFactory(cohort=cohort, role=Role.COACH).user
    inquiry = InquiryFactory(
        owner=participant, cohort=cohort, visibility="private", title="Falls at home"
    )
    CycleFactory(inquiry=inquiry, number=1)
    page = site.page

    # The participant shares the inquiry with coaches and writes a reflection.
    site.sign_in(participant.email)
    site.visit(inquiry.get_absolute_url())
    page.get_by_text("Change who can see it").click()
    page.get_by_label("Me and the coaches of my cohort").check()
    page.get_by_role("button", name=re.compile("Save who can see it")).click()
    expect(
        page.get_by_text("You and the coaches of Rhyl 2026 can see this inquiry.")
    ).to_be_visible()
    page.get_by_role("link", name="Write a reflection").click()
    page.get_by_label("Your reflection").fill(
        "## What happened\nThe visit ran late.\n\n"
        "## So what\nPeople wait alone.\n\n"
        "## Now what\nCall first."
    )
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".entry--reflection")).to_contain_text("People wait alone.")
    site.check()

    # The coach sees the notification, opens it and comments on the reflection.
    coach_context = new_context()
    coach_site = Site(coach_context.new_page(), site.base_url, "coach")
    coach_site.sign_in(coach.email)
    coach_page = coach_site.page
    coach_site.follow(re.compile("Notifications 1 unread"))
    coach_site.check()
    coach_page.get_by_role("link", name=re.compile("wrote a reflection in cycle 1 of")).click()
    expect(coach_page.get_by_role("heading", name="Falls at home")).to_be_visible()
    reflection = coach_page.locator(".entry--reflection")
    reflection.get_by_text("Comment on this entry").click()
    reflection.get_by_label("Your comment").fill("Who could make that call?")
    reflection.get_by_role("button", name="Send comment").click()
    expect(coach_page.locator(".entry--reflection .comment__body")).to_have_text(
        "Who could make that call?"
    )
    coach_site.check()

    # The participant sees the count, reads the comment and replies.
    page.reload()
    site.follow(re.compile("Notifications 1 unread"))
    site.check()
    page.get_by_role("link", name=re.compile("commented on your reflection in cycle 1 of")).click()
    thread = page.locator(".entry--reflection .comments")
    expect(thread.locator(".comment__body")).to_have_text("Who could make that call?")
    thread.locator(".comments__reply summary").click()
    thread.get_by_label("Your reply").fill("The surgery's care navigator.")
    thread.get_by_role("button", name="Send reply").click()
    expect(page.get_by_text("The surgery's care navigator.")).to_be_visible()
    site.check()

    # The coach gets the reply: in the header, on the page, and by email.
    coach_page.reload()
    coach_site.follow(re.compile("Notifications 1 unread"))
    coach_page.get_by_role("link", name=re.compile("replied to your comment")).click()
    expect(coach_page.get_by_text("The surgery's care navigator.")).to_be_visible()
    coach_site.check()
    to_coach = [m for m in mailoutbox if m.to == [coach.email]]
    reply_email = next(m for m in to_coach if "replied to your comment" in m.subject)
    assert "Falls at home" in reply_email.subject
    assert "/me/notifications/" in reply_email.body
    coach_context.close()
