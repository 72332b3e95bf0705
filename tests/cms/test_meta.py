"""Every public page has a title, a meta description and Open Graph tags."""

import re

import pytest

from tests.cms.builders import make_weeknote

pytestmark = pytest.mark.django_db


def meta(html, attribute, name):
    match = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', html)
    return match.group(1) if match else None


@pytest.fixture
def weeknote(author):
    return make_weeknote(title="Walking the route", authors=[author], summary="A night out.")


@pytest.mark.parametrize(
    ("path", "title", "og_title"),
    [
        ("/", "People across public services, learning together · Cylch", "Cylch"),
        ("/weeknotes/", "Weeknotes · Cylch", "Weeknotes"),
        ("weeknote", "Walking the route · Cylch", "Walking the route"),
        ("/search/", "Search · Cylch", "Search Cylch"),
        ("/search/?q=route", "Search: route · Cylch", "Search Cylch"),
        ("/open-data/", "Open data · Cylch", "Open data"),
    ],
)
def test_public_pages_have_a_title_description_and_open_graph(
    client, weeknote, path, title, og_title
):
    response = client.get(weeknote.url if path == "weeknote" else path)
    html = response.content.decode()

    assert re.search(r"<title>(.*?)</title>", html).group(1) == title
    assert meta(html, "name", "description")
    assert meta(html, "property", "og:title") == og_title
    assert meta(html, "property", "og:description")
    assert meta(html, "property", "og:type") in {"website", "article"}
    assert meta(html, "property", "og:url").startswith("http://testserver/")


def test_a_weeknote_describes_itself_with_its_summary(client, weeknote):
    html = client.get(weeknote.url).content.decode()

    assert meta(html, "name", "description") == "A night out."
    assert meta(html, "property", "og:description") == "A night out."
    assert meta(html, "property", "og:type") == "article"


def test_the_main_navigation_links_to_weeknotes(client, index):
    html = client.get("/").content.decode()

    nav = html[html.index('<nav class="site-nav"') : html.index("</nav>")]
    assert '<a href="/weeknotes/">Weeknotes</a>' in nav
