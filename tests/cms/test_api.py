"""The Wagtail API v2: public pages only, no images or documents endpoint, JSON only."""

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


@pytest.mark.parametrize(
    ("path", "headers"),
    [
        ("/api/v2/pages/?format=api", {}),
        ("/api/v2/pages/{pk}/?format=api", {}),
        ("/api/v2/pages/", {"HTTP_ACCEPT": "text/html"}),
        ("/api/v2/pages/{pk}/", {"HTTP_ACCEPT": "text/html"}),
    ],
)
def test_the_api_answers_json_only(client, path, headers):
    page = make_weeknote(title="In the open")

    response = client.get(path.format(pk=page.pk), **headers)

    assert response["Content-Type"] == "application/json"
    assert "<html" not in response.content.decode().lower()
    if "format=api" in path:
        assert response.status_code == 404
    else:
        assert response.json()


def page_response(client, page):
    response = client.get(f"/api/v2/pages/{page.pk}/")
    assert response.status_code == 200
    return response


def test_control_characters_are_left_out(client, fuzzed):
    store(
        fuzzed,
        title="Walking\x0b the route",
        summary="What\x1b we\nlearned",
        tag="tr\x07ust",
        author="Nia\x85 Evans",
    )

    data = page_response(client, fuzzed).json()
    assert data["title"] == "Walking the route"
    assert data["summary"] == "What we\nlearned"
    assert data["tags"] == ["trust"]
    assert data["authors"][0]["name"] == "Nia Evans"


def test_json_carries_markup_as_text_no_browser_reads_as_html(client, fuzzed):
    store(fuzzed, title="<script>alert(1)</script> & co", summary="<b>", tag="<i>", author="Nia")

    response = page_response(client, fuzzed)
    assert b"<" not in response.content  # the body's HTML included
    data = response.json()
    assert (data["title"], data["summary"], data["tags"]) == (
        "<script>alert(1)</script> & co",
        "<b>",
        ["<i>"],
    )


@FUZZ
@given(title=texts(), summary=texts(), tag=texts(pieces=3), author=texts())
def test_any_text_comes_out_of_the_api_as_that_text(client, fuzzed, title, summary, tag, author):
    store(fuzzed, title=title, summary=summary, tag=tag, author=author)

    response = page_response(client, fuzzed)
    assert b"<" not in response.content
    data = response.json()
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
