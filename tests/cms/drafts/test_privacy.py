"""Nothing of a draft reaches the public before an editor approves it (issue 10).

Channel by channel: the weeknote listing, the home page, the issue's page, the feeds,
search, the sitemap, open data and the API. After approval the weeknote is there, with
its writer's byline, its issue and cohort, and nothing of the entries they left out.
"""

import json

import feedparser
import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from wagtail.models import Revision, TaskState, WorkflowState

from cms.drafts.models import DraftState
from cms.models import WeeknotePage
from tests.cms.builders import make_weeknote
from tests.cms.drafts.steps import act, fill

pytestmark = pytest.mark.django_db

# One unusual word each in the title, the summary and the body.
TITLE = "Marrowgate mornings"
SUMMARY = "What the quillworts taught us about waiting."
BODY = "We sat with the zephyrine crew and **listened**."
WORDS = ["Marrowgate", "quillworts", "zephyrine"]


def surfaces(issue):
    return [
        "/",
        "/weeknotes/",
        f"/weeknotes/?issue={issue.slug}",
        f"/issues/{issue.slug}/",
        "/weeknotes/feed/rss/",
        "/weeknotes/feed/atom/",
        f"/weeknotes/feed/atom/?issue={issue.slug}",
        "/sitemap-pages.xml",
        "/open-data/weeknotes.json",
        "/open-data/weeknotes.csv",
        "/api/v2/pages/",
        "/api/v2/pages/?type=cms.WeeknotePage&fields=*",
        *[f"/api/v2/pages/?search={word}" for word in WORDS],
    ]


def text_of(response):
    assert response.status_code == 200, response
    return response.content.decode()


def written(draft, owner):
    fill(draft, owner, title=TITLE, summary=SUMMARY, body=BODY, tags="waiting rooms")
    draft.refresh_from_db()
    return draft


def bring_to(state, client, drafting, draft):
    """The draft in ``state``, reached through the owner's own pages where they have one."""
    written(draft, drafting.owner)
    client.force_login(drafting.owner)
    if state != "draft":
        client.post(reverse("weeknote_drafts:submit", args=[draft.pk]))
        draft.refresh_from_db()
    if state in ("changes", "withdrawn after changes"):
        act(draft.page, drafting.editor, "reject", comment="Shorter, please.")
        draft.refresh_from_db()
    if state.startswith("withdrawn"):
        client.post(reverse("weeknote_drafts:withdraw", args=[draft.pk]))
        draft.refresh_from_db()
    client.logout()
    return draft


STATES = ["draft", "submitted", "changes", "withdrawn", "withdrawn after changes"]


@pytest.mark.parametrize("state", STATES)
def test_before_approval_nothing_of_a_draft_is_public(client, drafting, draft, state):
    issue = drafting.inquiry.cohort.issue
    shown = make_weeknote(
        title="An open weeknote", authors=[drafting.fellow], issue=issue, tags=["open"]
    )
    draft = bring_to(state, client, drafting, draft)

    for path in surfaces(issue):
        text = text_of(client.get(path))
        for word in WORDS:
            assert word not in text, (path, word)
        assert "marrowgate" not in text.lower(), path  # nor its page's address
        if "search" not in path:
            assert shown.slug in text, path  # the channel does show what is public
    for word in WORDS:  # the search page says the words it was asked for, and finds nothing
        text = text_of(client.get(f"/search/?q={word}"))
        assert f"Nothing published matches “{word}”." in text
        assert "marrowgate-mornings" not in text
    if draft.page_id is not None:
        assert client.get(f"/api/v2/pages/{draft.page_id}/").status_code == 404
    assert client.get("/weeknotes/marrowgate-mornings/").status_code == 404


@pytest.mark.parametrize("state", ["withdrawn", "withdrawn after changes"])
def test_a_withdrawn_draft_leaves_no_page_revision_or_review(client, drafting, draft, state):
    draft = bring_to(state, client, drafting, draft)

    assert draft.state == DraftState.DRAFT
    assert draft.page is None
    # This draft's was the only weeknote page and the only review there ever was.
    assert not WeeknotePage.objects.exists()
    assert not Revision.objects.filter(
        content_type=ContentType.objects.get_for_model(WeeknotePage)
    ).exists()
    assert not WorkflowState.objects.exists()
    assert not TaskState.objects.exists()


def approved(client, drafting, draft):
    draft = bring_to("submitted", client, drafting, draft)
    act(draft.page, drafting.second_editor, "approve")
    draft.refresh_from_db()
    assert draft.state == DraftState.PUBLISHED
    return draft.page.specific


def test_after_approval_it_is_public_with_its_byline_issue_and_cohort(client, drafting, draft):
    page = approved(client, drafting, draft)
    issue, cohort = drafting.inquiry.cohort.issue, drafting.inquiry.cohort

    html = text_of(client.get(page.url))
    assert TITLE in html
    assert SUMMARY in html
    assert "<strong>listened</strong>" in html
    assert "Ana" in html
    assert issue.title in html
    assert cohort.name in html

    for path in ["/weeknotes/", f"/weeknotes/?issue={issue.slug}", f"/issues/{issue.slug}/"]:
        assert TITLE in text_of(client.get(path)), path
    feed = feedparser.parse(text_of(client.get(f"/weeknotes/feed/atom/?issue={issue.slug}")))
    assert [entry.title for entry in feed.entries] == [TITLE]
    assert feed.entries[0].author == "Ana"
    for word in WORDS:
        assert TITLE in text_of(client.get(f"/search/?q={word}")), word
    detail = client.get(f"/api/v2/pages/{page.pk}/").json()
    assert detail["title"] == TITLE
    (row,) = json.loads(text_of(client.get("/open-data/weeknotes.json")))["weeknotes"]
    assert (row["title"], row["authors"], row["issue"], row["cohort"]) == (
        TITLE,
        ["Ana"],
        issue.slug,
        cohort.slug,
    )
    assert row["tags"] == ["waiting rooms"]


def test_entries_not_chosen_never_reach_the_published_weeknote(client, drafting, draft):
    # The draft drew on the first and third entries; the second stays in the inquiry.
    page = approved(client, drafting, draft)

    for path in [page.url, "/weeknotes/feed/atom/", f"/api/v2/pages/{page.pk}/"]:
        assert "sergeant" not in text_of(client.get(path)), path
    assert "sergeant" not in text_of(client.get("/open-data/weeknotes.json"))
    assert "Nothing published matches “sergeant”." in text_of(client.get("/search/?q=sergeant"))
    assert not WeeknotePage.objects.search("sergeant")


def test_a_second_version_stays_private_until_it_is_approved(client, drafting, draft):
    page = approved(client, drafting, draft)
    fill(draft, drafting.owner, title="Blackthorn evenings", summary="Sloes and patience.")
    client.force_login(drafting.owner)
    client.post(reverse("weeknote_drafts:submit", args=[draft.pk]))
    client.logout()
    draft.refresh_from_db()
    assert draft.state == DraftState.SUBMITTED

    issue = drafting.inquiry.cohort.issue
    for path in [page.url, *surfaces(issue), "/search/?q=Blackthorn", "/search/?q=Sloes"]:
        text = text_of(client.get(path))
        assert "Blackthorn evenings" not in text, path
        assert "Sloes and patience" not in text, path
    assert TITLE in text_of(client.get(page.url))  # the first version is still what is public

    act(draft.page, drafting.editor, "approve")

    assert "Blackthorn evenings" in text_of(client.get("/weeknotes/"))
    assert "Blackthorn evenings" in text_of(client.get("/search/?q=Sloes"))
