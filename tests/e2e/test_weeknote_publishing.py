"""An editor writes and publishes a weeknote in the Wagtail admin; a reader finds it."""

import re

import feedparser
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from accounts.groups import EDITORS
from tests.factories import PASSWORD, IssueFactory, UserFactory

TITLE = "Walking the harbour with the outreach team"


def test_an_editor_publishes_a_weeknote_and_a_reader_finds_it(site):
    editor = UserFactory(display_name="Evan Editor")
    editor.groups.add(Group.objects.get(name=EDITORS))
    IssueFactory(title="Drugs in Wrexham", slug="drugs-in-wrexham")
    page = site.page

    # The editor signs in through the site and writes the weeknote in the admin.
    page.goto(site.base_url + "/accounts/login/?next=/admin/")
    page.get_by_label("Email").fill(editor.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))

    index_id = _index_id()
    page.goto(f"{site.base_url}/admin/pages/add/cms/weeknotepage/{index_id}/")
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_week_of").fill("2026-10-05")
    page.locator("select[name='authors-0-user']").select_option(label="Evan Editor")
    page.locator("#id_summary").fill("What a morning on the harbour taught us about first contact.")
    page.locator("[data-streamfield-stream-container] button[title='Insert a block']").first.click()
    page.get_by_role("option", name="Markdown").click()
    page.locator("textarea[name$='-value']").first.fill("We **listened** before we planned.")
    tags = page.locator("ul.tagit input")
    tags.fill("harbour walks")
    tags.press("Enter")
    # The editor as well: axe-core finds nothing, Wagtail's tag field included.
    expect(tags).to_have_attribute("aria-labelledby", re.compile("."))
    site.check()
    page.locator("select[name='issue']").select_option(label="Drugs in Wrexham")
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text(f"Page '{TITLE}' created and published")).to_be_visible()

    # An anonymous reader finds it everywhere.
    page.context.clear_cookies()
    site.visit("/")
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()
    page.get_by_role("link", name="Weeknotes", exact=True).first.click()
    site.check()
    page.get_by_label("Tag", exact=True).select_option(label="harbour walks")
    page.get_by_role("button", name="Show weeknotes").click()
    expect(page).to_have_url(re.compile(r"tag=harbour-walks"))
    site.check()
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()

    site.visit("/weeknotes/?issue=drugs-in-wrexham")
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()
    site.visit("/weeknotes/?issue=drugs-in-wrexham&tag=nothing-like-this")
    expect(page.get_by_text("No published weeknote matches these filters")).to_be_visible()

    site.visit("/search/")
    page.get_by_label("Search issues, cohorts and weeknotes").fill("harbour")
    page.get_by_role("button", name="Search", exact=True).last.click()
    site.check()
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()
    page.get_by_role("link", name=TITLE).click()
    site.check()
    expect(page.get_by_role("heading", name=TITLE, level=1)).to_be_visible()
    expect(page.get_by_text("listened", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Evan Editor")).to_be_visible()

    site.visit("/open-data/")
    expect(page.get_by_role("link", name="Open Government Licence v3.0")).to_be_visible()

    feed = feedparser.parse(page.request.get(site.base_url + "/weeknotes/feed/atom/").body())
    assert [entry.title for entry in feed.entries] == [TITLE]
    assert feed.entries[0].author == "Evan Editor"


def _index_id():
    from cms.models import WeeknoteIndexPage

    return WeeknoteIndexPage.objects.get().pk
