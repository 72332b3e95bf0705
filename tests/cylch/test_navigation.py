"""The header marks where the reader is: the page itself, or the part of the site it is in."""

import re

import pytest

from tests.factories import IssueFactory

pytestmark = pytest.mark.django_db


def current_links(client, path):
    html = client.get(path).content.decode()
    header = html[html.index('<header class="site-header"') : html.index("</header>")]
    return re.findall(r'<a href="([^"]+)" aria-current="(page|true)">', header)


def test_the_link_to_the_page_itself_is_the_current_page(client):
    assert current_links(client, "/issues/") == [("/issues/", "page")]


def test_on_a_page_below_a_link_the_longest_matching_link_is_current(client, user):
    IssueFactory(slug="falls")
    assert current_links(client, "/issues/falls/") == [("/issues/", "true")]
    client.force_login(user)
    assert current_links(client, "/me/notifications/") == [("/me/notifications/", "page")]


def test_a_page_no_link_leads_to_marks_none(client):
    assert current_links(client, "/open-data/") == []
