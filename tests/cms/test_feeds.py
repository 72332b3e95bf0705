"""RSS 2.0 and Atom feeds, read with a real feed parser."""

import datetime
from urllib.parse import urlsplit

import feedparser
import pytest
from django.conf import settings

from tests.cms.builders import make_weeknote
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
    assert entry.link == f"http://testserver{published.url}"
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
