"""RSS 2.0 and Atom feeds, read with a real feed parser."""

import datetime
import html
import xml.etree.ElementTree as ET  # noqa: S405 - parses only our own feeds
from urllib.parse import urlsplit

import feedparser
import pytest
from django.conf import settings
from hypothesis import given

from tests.cms.builders import make_weeknote
from tests.cms.fuzzing import FUZZ, store, texts, visible, xml_text
from tests.cms.sitemap_reader import read_sitemap
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

RSS = "/weeknotes/feed/rss/"
ATOM = "/weeknotes/feed/atom/"


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    return feed


@pytest.fixture
def published(author, issue):
    second = UserFactory(display_name="Owen Jones")
    return make_weeknote(
        title="Walking the route",
        authors=[author, second],
        tags=["trust", "data sharing"],
        issue=issue,
        summary="What a night taught us.",
        body=[("markdown", "We **walked** the route with the outreach team.")],
    )


@pytest.mark.parametrize(("url", "version"), [(RSS, "rss20"), (ATOM, "atom10")])
def test_each_feed_carries_the_whole_weeknote(client, published, url, version):
    feed = parse(client, url)

    assert feed.version == version
    assert feed.feed.title == "Cylch weeknotes"
    (entry,) = feed.entries
    assert entry.title == "Walking the route"
    assert entry.link == f"{settings.SITE_URL}{published.url}"
    assert entry.id == f"tag:{urlsplit(settings.SITE_URL).hostname},2026:weeknote:{published.pk}"
    assert entry.author == "Nia Evans, Owen Jones"
    assert sorted(tag.term for tag in entry.tags) == ["data sharing", "trust"]
    content = entry.content[0].value if "content" in entry else entry.description
    assert "<strong>walked</strong> the route with the outreach team" in content
    assert "What a night taught us." in content


def test_ids_stay_the_same_when_a_weeknote_moves(client, published):
    before = parse(client, ATOM).entries[0].id
    published.slug = "a-new-address"
    published.save_revision().publish()

    after = parse(client, ATOM).entries[0]
    assert after.id == before
    assert after.link.endswith("/weeknotes/a-new-address/")


def test_the_latest_twenty_newest_first(client, author):
    for number in range(23):
        make_weeknote(
            title=f"Week {number:02d}",
            authors=[author],
            week_of=datetime.date(2026, 1, 5) + datetime.timedelta(weeks=number),
        )

    for url in (RSS, ATOM):
        entries = parse(client, url).entries
        assert len(entries) == 20
        assert entries[0].title == "Week 22"
        assert entries[-1].title == "Week 03"


@pytest.mark.parametrize("url", [RSS, ATOM])
def test_feeds_take_the_index_filters(client, published, author, url):
    make_weeknote(title="Another", authors=[UserFactory(display_name="Cerys")], tags=["housing"])

    assert [e.title for e in parse(client, f"{url}?tag=trust").entries] == ["Walking the route"]
    assert [e.title for e in parse(client, f"{url}?tag=housing").entries] == ["Another"]
    assert [
        e.title for e in parse(client, f"{url}?author=nia-evans&issue=drugs-in-wrexham").entries
    ] == ["Walking the route"]
    assert parse(client, f"{url}?cohort=none-such").entries == []


@pytest.mark.parametrize("path", ["/", "/weeknotes/", "published", "/open-data/"])
def test_pages_with_a_feed_advertise_it(client, published, path):
    html = client.get(published.url if path == "published" else path).content.decode()

    rss = 'type="application/rss+xml" title="Cylch weeknotes (RSS)"'
    atom = 'type="application/atom+xml" title="Cylch weeknotes (Atom)"'
    assert f'<link rel="alternate" {rss} href="{RSS}">' in html
    assert f'<link rel="alternate" {atom} href="{ATOM}">' in html


def test_a_filtered_index_advertises_the_filtered_feed(client, published):
    html = client.get("/weeknotes/?tag=trust").content.decode()

    assert (
        f'type="application/rss+xml" title="Cylch weeknotes (RSS)" href="{RSS}?tag=trust"' in html
    )


# What an editor or a participant typed reaches feed readers as text, never as markup.

DC_CREATOR = "{http://purl.org/dc/elements/1.1/}creator"
ATOM_NS = {"atom": "http://www.w3.org/2005/Atom"}


def feed_xml(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert b"<script" not in response.content.lower()
    return ET.fromstring(response.content)  # noqa: S314 - our own feed, parsed to check it


def rss_item(client):
    (item,) = feed_xml(client, RSS).iter("item")
    return item


def atom_entry(client):
    (entry,) = feed_xml(client, ATOM).iterfind("atom:entry", ATOM_NS)
    return entry


def test_markup_in_a_title_or_summary_reaches_readers_as_text(client, author):
    make_weeknote(
        title="<script>alert(1)</script> Health & care",
        summary="<img src=x onerror=alert(1)> What we learned",
        authors=[author],
        tags=["<b>trust</b>"],
    )

    # RSS leaves it to readers whether a title is HTML: it is escaped HTML, so it shows as typed.
    item = rss_item(client)
    assert item.findtext("title") == "&lt;script&gt;alert(1)&lt;/script&gt; Health &amp; care"
    description = item.findtext("description")
    assert "<p>&lt;img src=x onerror=alert(1)&gt; What we learned</p>" in description
    assert item.findtext("category") == "<b>trust</b>"  # plain text, as RSS says
    # Atom says: the title is text, the summary HTML.
    entry = atom_entry(client)
    assert entry.findtext("atom:title", namespaces=ATOM_NS) == (
        "<script>alert(1)</script> Health & care"
    )
    summary = entry.find("atom:summary", ATOM_NS)
    assert summary.get("type") == "html"
    assert summary.text == "&lt;img src=x onerror=alert(1)&gt; What we learned"
    assert entry.find("atom:category", ATOM_NS).get("term") == "<b>trust</b>"


def test_a_control_character_anywhere_leaves_out_only_that_character(client, author):
    page = make_weeknote(title="Walking", authors=[author], tags=["trust"])
    store(
        page,
        title="Walking\x0b the route",
        summary="What\x1b a night\x7f taught us",
        tag="tr\x07ust",
        author="Nia\x08 Evans",
    )

    item = rss_item(client)
    assert item.findtext("title") == "Walking the route"
    assert "<p>What a night taught us</p>" in item.findtext("description")
    assert item.findtext("category") == "trust"
    assert item.findtext(DC_CREATOR) == "Nia Evans"
    entry = atom_entry(client)
    assert entry.findtext("atom:title", namespaces=ATOM_NS) == "Walking the route"
    assert entry.findtext("atom:summary", namespaces=ATOM_NS) == "What a night taught us"
    assert entry.find("atom:category", ATOM_NS).get("term") == "trust"
    assert entry.findtext("atom:author/atom:name", namespaces=ATOM_NS) == "Nia Evans"
    for url in (RSS, ATOM):
        parse(client, url)  # and a real feed reader takes it


@FUZZ
@given(title=texts(), summary=texts(), tag=texts(pieces=3), author=texts())
def test_any_text_reaches_readers_as_that_text_and_never_as_markup(
    client, fuzzed, title, summary, tag, author
):
    store(fuzzed, title=title, summary=summary, tag=tag, author=author)

    item = rss_item(client)
    assert html.unescape(item.findtext("title")) == xml_text(visible(title))
    description = item.findtext("description")
    assert "<script" not in description.lower()
    assert f"<p>{html.escape(xml_text(visible(summary)), quote=False)}</p>" in description
    assert [c.text or "" for c in item.iter("category")] == [xml_text(visible(tag))]
    assert (item.findtext(DC_CREATOR) or "") == xml_text(visible(author))

    entry = atom_entry(client)
    assert (entry.findtext("atom:title", namespaces=ATOM_NS) or "") == xml_text(visible(title))
    summary_html = entry.findtext("atom:summary", namespaces=ATOM_NS) or ""
    assert "<script" not in summary_html.lower()
    assert html.unescape(summary_html) == xml_text(visible(summary))
    assert "<script" not in entry.findtext("atom:content", namespaces=ATOM_NS).lower()
    assert entry.find("atom:category", ATOM_NS).get("term") == visible(tag)
    assert (entry.findtext("atom:author/atom:name", namespaces=ATOM_NS) or "") == xml_text(
        visible(author)
    )


@pytest.mark.parametrize("host", ["testserver", "cylch.internal:8000"])
def test_links_for_readers_elsewhere_are_on_site_url_whatever_host_was_asked(
    client, published, settings, host
):
    settings.ALLOWED_HOSTS = ["testserver", "cylch.internal"]
    settings.SITE_URL = "https://cylch.example.org"
    feed = feedparser.parse(client.get("/weeknotes/feed/atom/", HTTP_HOST=host).content)
    assert feed.entries[0].link == f"https://cylch.example.org{published.url}"
    sitemap = read_sitemap(client, HTTP_HOST=host)
    assert f"<loc>https://cylch.example.org{published.url}</loc>" in sitemap
    assert "<loc>https://cylch.example.org/open-data/</loc>" in sitemap
    assert host not in sitemap
    response = client.get("/open-data/weeknotes.json", HTTP_HOST=host)
    rows = response.content.decode()
    assert f"https://cylch.example.org{published.url}" in rows
    assert host not in rows
