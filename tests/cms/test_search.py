"""Search of public pages at /search/."""

import pytest

from cms.views import SEARCH_RESULTS_PER_PAGE
from tests.cms.builders import make_weeknote

pytestmark = pytest.mark.django_db


def test_search_finds_a_weeknote_by_its_words_and_keeps_the_query(client, author):
    make_weeknote(
        title="Sitting in the waiting room",
        authors=[author],
        body=[("paragraph", "<p>The receptionists knew everyone by name.</p>")],
    )
    make_weeknote(title="Something else", authors=[author])

    html = client.get("/search/?q=receptionists").content.decode()

    assert "Sitting in the waiting room" in html
    assert "Something else" not in html
    assert 'value="receptionists"' in html
    assert "1 result for “receptionists”." in html


def test_search_finds_weeknotes_by_author_name_and_tag(client, author):
    make_weeknote(title="By Nia", authors=[author], tags=["loneliness"])

    assert "By Nia" in client.get("/search/?q=Evans").content.decode()
    assert "By Nia" in client.get("/search/?q=loneliness").content.decode()


def test_a_search_that_finds_nothing_says_so(client, index):
    html = client.get("/search/?q=zebracorn").content.decode()

    assert "Nothing published matches “zebracorn”." in html


def test_an_empty_search_asks_for_words(client, index):
    html = client.get("/search/").content.decode()

    assert "Type a word or two" in html
    assert '<label for="search-q">' in html


def test_search_is_paginated(client, author):
    for number in range(SEARCH_RESULTS_PER_PAGE + 2):
        make_weeknote(title=f"Harbour walk {number}", authors=[author])

    first = client.get("/search/?q=harbour").content.decode()
    second = client.get("/search/?q=harbour&page=2").content.decode()

    assert first.count("<h2><a href=") == SEARCH_RESULTS_PER_PAGE
    assert second.count("<h2><a href=") == 2
    assert 'href="?q=harbour&amp;page=2"' in first


def test_a_search_query_is_escaped(client, index):
    html = client.get("/search/?q=<script>alert(1)</script>").content.decode()

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html
