"""From cycle to weeknote (issue 10): a participant drafts a weeknote from the entries of a
cycle they choose; their coach reads it and comments; they submit it; an editor asks for
changes in the Wagtail admin; they change it and send it back; a second editor approves;
an anonymous reader finds it on the index, in its issue's feed and by search."""

import re

import feedparser
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from accounts.groups import EDITORS
from cms.drafts.models import WeeknoteDraft
from cohorts.models import Role
from tests.e2e.conftest import Site
from tests.factories import (
    PASSWORD,
    CohortFactory,
    CycleFactory,
    EntryFactory,
    InquiryFactory,
    IssueFactory,
    MembershipFactory,
    UserFactory,
)

TITLE = "What the bus station taught us"
ASKED = "Please name the agencies, not the people."


def editor(name):
    user = UserFactory(display_name=name)
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


def review_in_admin(browser, site, user, button, comment=None):
    """An editor, in a browser of their own, signs in through the site's login, opens the
    weeknote in the Wagtail admin and takes a review action from its action menu."""
    admin = Site(browser.new_context().new_page(), site.base_url, user.display_name)
    page = admin.page
    page.goto(site.base_url + "/accounts/login/?next=/admin/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    expect(page.get_by_text(TITLE).first).to_be_visible()  # awaiting their review
    page.goto(f"{site.base_url}/admin/pages/{WeeknoteDraft.objects.get().page_id}/edit/")
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name=button).click()
    if comment is not None:
        dialog = page.locator(".modal")
        dialog.get_by_label("Comment").fill(comment)
        dialog.get_by_role("button", name=button).click()
    expect(page.get_by_text(f"Page '{TITLE}' has been updated.")).to_be_visible()
    admin.assert_no_policy_violations()
    page.context.close()


def test_a_weeknote_from_a_cycle_to_the_public(site, browser):
    issue = IssueFactory(title="Drugs in Wrexham", slug="drugs-in-wrexham")
    cohort = CohortFactory(name="Wrexham 2026", issue=issue)
    participant = MembershipFactory(
        cohort=cohort, role=Role.PARTICIPANT, user__display_name="Ana Pritchard"
    ).user
    coach = MembershipFactory(cohort=cohort, role=Role.COACH, user__display_name="Cerys").user
    inquiry = InquiryFactory(
        owner=participant, cohort=cohort, visibility="coaches", title="The bus station"
    )
    cycle = CycleFactory(inquiry=inquiry, number=1)
    EntryFactory(cycle=cycle, kind="action", body="Met the outreach team at dawn.")
    EntryFactory(cycle=cycle, kind="action", body="What the sergeant told me, in confidence.")
    EntryFactory(cycle=cycle, kind="reflection", body="Trust takes time.")
    page = site.page

    # The participant drafts from the cycle, choosing two entries of three, then edits and previews.
    site.sign_in(participant.email)
    site.visit(inquiry.get_absolute_url())
    page.get_by_role("link", name="Draft a weeknote from cycle 1").click()
    site.check()
    page.get_by_label(re.compile("outreach")).check()
    page.get_by_label(re.compile("Trust takes time")).check()
    page.get_by_role("button", name="Start the draft").click()
    expect(page.get_by_role("heading", name="Edit your weeknote draft")).to_be_visible()
    body = page.get_by_label("Weeknote:", exact=True)
    expect(body).to_have_value(re.compile("Met the outreach team at dawn."))
    assert "sergeant" not in body.input_value()
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Summary").fill("Trust takes time, and tea.")
    page.get_by_label("Tags").fill("bus station, trust")
    body.fill(body.input_value() + "\n\nWe **listened** before we planned.")
    page.get_by_role("button", name="Preview").click()
    expect(page.locator(".preview strong")).to_have_text("listened")
    site.check()
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("heading", name=TITLE, level=1)).to_be_visible()
    site.check()

    # The coach finds it among the drafts of people they coach, reads it and comments.
    coach_site = Site(browser.new_context().new_page(), site.base_url, "coach")
    coach_site.sign_in(coach.email)
    coach_page = coach_site.page
    coach_site.follow("Your page")  # the start page lists the drafts they may read
    coach_site.check()
    coach_page.get_by_role("link", name=TITLE).click()
    expect(coach_page.get_by_text("A weeknote draft by Ana Pritchard")).to_be_visible()
    expect(coach_page.locator(".entry__body strong")).to_have_text("listened")
    expect(coach_page.get_by_role("link", name="Edit the draft")).to_have_count(0)
    expect(coach_page.get_by_role("button", name="Submit to the editors")).to_have_count(0)
    coach_page.get_by_label("Your comment").fill("Lovely. Who else was there?")
    coach_page.get_by_role("button", name="Send comment").click()
    expect(coach_page.locator(".comment__body")).to_have_text("Lovely. Who else was there?")
    coach_site.check()
    coach_page.context.close()  # an open connection would keep the test database in use

    # The participant reads the comment from their notifications and submits.
    page.reload()
    page.get_by_role("link", name=re.compile("Notifications 1 unread")).click()
    site.check()
    page.get_by_role("link", name=re.compile("Cerys commented on the weeknote draft")).click()
    expect(page.locator(".comment__body")).to_have_text("Lovely. Who else was there?")
    page.get_by_role("button", name="Submit to the editors").click()
    expect(page.get_by_text("Sent to the editors.")).to_be_visible()
    site.check()

    # An editor asks for changes in the Wagtail admin.
    review_in_admin(browser, site, editor("Evan Editor"), "Request changes", comment=ASKED)

    # The participant sees what was asked on /me/weeknotes/, edits and sends it back.
    site.follow("Your page")
    page.get_by_role("link", name="My weeknotes", exact=True).click()
    expect(page.get_by_text(ASKED)).to_be_visible()
    site.check()
    page.get_by_role("link", name=TITLE).click()
    page.get_by_role("link", name="Edit the draft").click()
    page.get_by_label("Summary").fill("Trust takes time: the outreach team and the police.")
    page.get_by_role("button", name="Save draft").click()
    page.get_by_role("button", name="Send it back to the editors").click()
    expect(page.get_by_text("Sent to the editors.")).to_be_visible()
    site.check()

    # A second editor approves it, and it is published.
    review_in_admin(browser, site, editor("Eira Editor"), "Approve and Publish")

    # An anonymous reader finds it on the index, in its issue's feed and by search.
    page.context.clear_cookies()
    site.visit("/weeknotes/")
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()
    feed = page.request.get(f"{site.base_url}/weeknotes/feed/atom/?issue={issue.slug}")
    entries = feedparser.parse(feed.body()).entries
    assert [(entry.title, entry.author) for entry in entries] == [(TITLE, "Ana Pritchard")]
    site.visit("/search/")
    page.get_by_label("Search issues, cohorts and weeknotes").fill("outreach")
    page.get_by_role("button", name="Search", exact=True).last.click()
    site.check()
    page.get_by_role("link", name=TITLE).click()
    site.check()
    expect(page.get_by_role("heading", name=TITLE, level=1)).to_be_visible()
    expect(page.get_by_text("Trust takes time: the outreach team and the police.")).to_be_visible()
    expect(page.get_by_role("link", name="Ana Pritchard")).to_be_visible()
    expect(page.get_by_text("sergeant")).to_have_count(0)
