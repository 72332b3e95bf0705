"""The Wagtail API v2: public pages only, no images or documents endpoint."""

import pytest
from hypothesis import given

from tests.cms.builders import make_weeknote
from tests.cms.fuzzing import FUZZ, store, texts, visible

pytestmark = pytest.mark.django_db


def test_pages_endpoint_lists_public_pages(client, author):
    page = make_weeknote(title="In the open", authors=[author], tags=["trust"])

    data = client.get("/api/v2/pages/").json()

    assert {item["title"] for item in data["items"]} == {"Cylch", "Weeknotes", "In the open"}
    assert page.pk in [item["id"] for item in data["items"]]


def test_a_weeknote_in_the_api_has_its_bylines_but_no_email(client, author, cohort):
    page = make_weeknote(title="In the open", authors=[author], tags=["trust"], cohort=cohort)

    response = client.get(f"/api/v2/pages/{page.pk}/")
    data = response.json()

    assert data["authors"] == [{"name": "Nia Evans", "slug": "nia-evans"}]
    assert data["tags"] == ["trust"]
    assert data["issue"] == {"slug": "drugs-in-wrexham", "title": "Drugs in Wrexham"}
    assert data["cohort"]["slug"] == "wrexham-2026"
    assert data["body"][0]["type"] == "paragraph"
    assert author.email not in response.content.decode()


@pytest.mark.parametrize("path", ["/api/v2/images/", "/api/v2/documents/"])
def test_there_is_no_images_or_documents_endpoint(client, path):
    assert client.get(path).status_code == 404


def page_json(client, page):
    response = client.get(f"/api/v2/pages/{page.pk}/")
    assert response.status_code == 200
    assert b"<" not in response.content
    return response.json()


def test_control_characters_are_left_out_and_markup_is_only_text(client, fuzzed):
    store(
        fuzzed,
        title="<script>alert(1)</script>\x0b Walking",
        summary="What\x1b we\nlearned",
        tag="tr\x07ust",
        author="Nia\x85 Evans",
    )

    data = page_json(client, fuzzed)
    assert data["title"] == "<script>alert(1)</script> Walking"
    assert data["summary"] == "What we\nlearned"
    assert data["tags"] == ["trust"]
    assert data["authors"][0]["name"] == "Nia Evans"


@FUZZ
@given(title=texts(), summary=texts(), tag=texts(pieces=3), author=texts())
def test_any_text_comes_out_of_the_api_as_that_text(client, fuzzed, title, summary, tag, author):
    store(fuzzed, title=title, summary=summary, tag=tag, author=author)

    data = page_json(client, fuzzed)
    assert (data["title"], data["summary"]) == (visible(title), visible(summary))
    assert (data["tags"], data["authors"][0]["name"]) == ([visible(tag)], visible(author))
    listing = client.get("/api/v2/pages/?type=cms.WeeknotePage&fields=summary,tags")
    assert b"<" not in listing.content
    (item,) = listing.json()["items"]
    assert (item["title"], item["summary"], item["tags"]) == (
        visible(title),
        visible(summary),
        [visible(tag)],
    )
