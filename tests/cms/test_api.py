"""The Wagtail API v2: public pages only, no images or documents endpoint, JSON only."""

import pytest

from tests.cms.builders import make_weeknote

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
