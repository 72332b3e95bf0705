"""Drafts, unpublished and private pages appear nowhere the public looks."""

import pytest

from tests.cms.builders import make_private, make_weeknote

pytestmark = pytest.mark.django_db

SURFACES = [
    "/",
    "/weeknotes/",
    "/weeknotes/?tag=hidden-words",
    "/weeknotes/feed/rss/",
    "/weeknotes/feed/atom/",
    "/search/?q=zanzibarian",
    "/sitemap-pages.xml",
    "/open-data/weeknotes.json",
    "/open-data/weeknotes.csv",
    "/api/v2/pages/",
    "/api/v2/pages/?search=zanzibarian",
    "/api/v2/pages/?type=cms.WeeknotePage&fields=*",
]


def hide(state, author):
    """A weeknote titled with a unique word, in the given state."""
    title = "The zanzibarian secret"
    if state == "draft":
        return make_weeknote(title=title, authors=[author], tags=["hidden-words"], publish=False)
    page = make_weeknote(title=title, authors=[author], tags=["hidden-words"])
    if state == "unpublished":
        page.unpublish()
    elif state == "private":
        make_private(page)
    return page


def text_of(response):
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("state", ["draft", "unpublished", "private"])
def test_a_hidden_weeknote_is_nowhere_while_a_published_one_is_everywhere(client, author, state):
    shown = make_weeknote(
        title="The zanzibarian open note", authors=[author], tags=["hidden-words"]
    )
    hidden = hide(state, author)

    for path in SURFACES:
        text = text_of(client.get(path))
        assert "zanzibarian secret" not in text, path
        assert hidden.slug not in text, path
        assert shown.slug in text, path  # the surface does show what is public
    assert client.get(f"/api/v2/pages/{hidden.pk}/").status_code == 404


@pytest.mark.parametrize("state", ["draft", "unpublished", "private"])
def test_a_hidden_weeknote_is_missing_from_the_filter_choices(client, author, state):
    hide(state, author)

    html = text_of(client.get("/weeknotes/"))

    assert "hidden-words" not in html
    assert "nia-evans" not in html


def test_a_private_weeknote_stays_out_of_the_api_even_for_someone_signed_in(client, author):
    hidden = hide("private", author)
    client.force_login(author)

    assert client.get(f"/api/v2/pages/{hidden.pk}/").status_code == 404
    assert "zanzibarian" not in text_of(client.get("/api/v2/pages/"))


def test_a_published_weeknote_with_a_newer_draft_shows_only_the_published_words(client, author):
    page = make_weeknote(title="Published words", authors=[author])
    page.title = "Draft zanzibarian words"
    page.save_revision()

    for path in SURFACES:
        assert "Draft zanzibarian words" not in text_of(client.get(path)), path
