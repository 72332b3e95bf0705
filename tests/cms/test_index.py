"""The weeknote index at /weeknotes/: newest first, 20 a page, filters by slug that combine."""

import datetime
import re

import pytest

from cms import models
from cms.models import WEEKNOTES_PER_PAGE
from tests.cms.builders import make_weeknote
from tests.factories import IssueFactory, UserFactory

pytestmark = pytest.mark.django_db

MONDAY = datetime.date(2026, 9, 7)


def titles(response):
    html = response.content.decode()
    return re.findall(r'<h2 class="weeknote-card__title"><a href="[^"]+">([^<]+)</a>', html)


@pytest.fixture
def weeknotes(author, issue, cohort):
    other_issue = IssueFactory(title="Ageing well", slug="ageing-well")
    other = UserFactory(display_name="Owen Jones")
    return {
        "trust-wrexham": make_weeknote(
            title="Trust in Wrexham",
            authors=[author],
            tags=["trust"],
            issue=issue,
            cohort=cohort,
            week_of=MONDAY,
        ),
        "trust-ageing": make_weeknote(
            title="Trust and ageing",
            authors=[other],
            tags=["trust", "loneliness"],
            issue=other_issue,
            week_of=MONDAY + datetime.timedelta(7),
        ),
        "data-wrexham": make_weeknote(
            title="Data in Wrexham",
            authors=[other, author],
            tags=["data sharing"],
            issue=issue,
            week_of=MONDAY + datetime.timedelta(14),
        ),
    }


def test_newest_first(client, weeknotes):
    assert titles(client.get("/weeknotes/")) == [
        "Data in Wrexham",
        "Trust and ageing",
        "Trust in Wrexham",
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("tag=trust", ["Trust and ageing", "Trust in Wrexham"]),
        ("tag=data-sharing", ["Data in Wrexham"]),
        ("issue=drugs-in-wrexham", ["Data in Wrexham", "Trust in Wrexham"]),
        ("cohort=wrexham-2026", ["Trust in Wrexham"]),
        ("author=nia-evans", ["Data in Wrexham", "Trust in Wrexham"]),
        ("author=owen-jones", ["Data in Wrexham", "Trust and ageing"]),
        ("tag=trust&issue=drugs-in-wrexham", ["Trust in Wrexham"]),
        ("tag=trust&author=owen-jones&issue=ageing-well", ["Trust and ageing"]),
    ],
)
def test_filters_by_slug_and_combine(client, weeknotes, query, expected):
    response = client.get(f"/weeknotes/?{query}")

    assert titles(response) == expected


def test_an_active_filter_shows_its_name_and_a_link_to_remove_it(client, weeknotes):
    html = client.get("/weeknotes/?tag=trust&issue=drugs-in-wrexham").content.decode()

    assert "<strong>Drugs in Wrexham</strong>" in html
    assert "<strong>trust</strong>" in html
    assert 'href="/weeknotes/?issue=drugs-in-wrexham">Remove' in html
    assert 'href="/weeknotes/?tag=trust">Remove' in html
    # The filtered feeds are advertised and linked.
    assert 'href="/weeknotes/feed/rss/?tag=trust&amp;issue=drugs-in-wrexham"' in html


def test_the_filter_form_offers_only_what_is_published_and_marks_the_choice(client, weeknotes):
    make_weeknote(title="Draft", tags=["secret-tag"], publish=False)

    html = client.get("/weeknotes/?author=owen-jones").content.decode()

    assert '<option value="owen-jones" selected>Owen Jones</option>' in html
    assert '<option value="loneliness">loneliness</option>' in html
    assert "secret-tag" not in html


@pytest.mark.parametrize(
    "query", ["tag=nothing-has-this", "author=nobody", "issue=x&tag=trust", "author=a%40b.org"]
)
def test_filters_that_match_nothing_say_so_clearly(client, weeknotes, query):
    response = client.get(f"/weeknotes/?{query}")

    assert response.status_code == 200
    assert titles(response) == []
    assert "No published weeknote matches these filters" in response.content.decode()


def test_an_email_is_never_an_author_filter(client, weeknotes, author):
    response = client.get(f"/weeknotes/?author={author.email}")

    assert titles(response) == []
    assert author.email not in client.get("/weeknotes/").content.decode()


def test_an_empty_index_says_nothing_is_published_yet(client, index):
    html = client.get("/weeknotes/").content.decode()

    assert "No weeknotes have been published yet." in html


def test_twenty_a_page_with_links_that_keep_the_filters(client, author):
    for number in range(WEEKNOTES_PER_PAGE + 3):
        make_weeknote(
            title=f"Week {number:02d}",
            authors=[author],
            tags=["trust"],
            week_of=MONDAY + datetime.timedelta(weeks=number),
        )

    first = client.get("/weeknotes/?tag=trust")
    second = client.get("/weeknotes/?tag=trust&page=2")
    beyond = client.get("/weeknotes/?tag=trust&page=99")

    assert len(titles(first)) == WEEKNOTES_PER_PAGE
    assert titles(first)[0] == "Week 22"
    assert titles(second) == ["Week 02", "Week 01", "Week 00"]
    assert 'href="?tag=trust&amp;page=2"' in first.content.decode()
    assert "Page 2 of 2" in second.content.decode()
    assert titles(beyond) == titles(second)  # past the end: the last page


def test_the_issue_weeknotes_tag_shows_that_issues_five_latest_published_weeknotes(author, issue):
    from django.template import Context, Template

    tag = Template("{% load cms_tags %}{% issue_weeknotes issue %}")
    assert "No weeknotes about this issue yet." in tag.render(Context({"issue": issue}))
    for number in range(7):
        make_weeknote(
            title=f"About the issue {number}",
            authors=[author],
            issue=issue,
            week_of=MONDAY + datetime.timedelta(weeks=number),
        )
    make_weeknote(title="About the issue, a draft", authors=[author], issue=issue, publish=False)
    make_weeknote(title="About another issue", authors=[author], issue=IssueFactory())

    html = tag.render(Context({"issue": issue}))

    shown = re.findall(
        r'<h3 class="weeknote-card__title"><a href="/weeknotes/[^"]+">([^<]+)</a>', html
    )
    assert shown == [f"About the issue {n}" for n in (6, 5, 4, 3, 2)]
    assert 'href="/weeknotes/?issue=drugs-in-wrexham"' in html


def test_empty_fields_from_the_filter_form_are_dropped_from_the_address(client, index):
    response = client.get("/weeknotes/?tag=trust&issue=&cohort=&author=")

    assert response.status_code == 302
    assert response.url == "/weeknotes/?tag=trust"
    assert client.get("/weeknotes/?tag=&issue=").url == "/weeknotes/"


def test_a_filter_value_is_shown_escaped(client, index):
    html = client.get("/weeknotes/?tag=%3Cscript%3Ealert(1)%3C/script%3E").content.decode()

    assert "<script>alert(1)</script>" not in html
    assert "<strong>&lt;script&gt;alert(1)&lt;/script&gt;</strong>" in html


def test_the_author_filter_offers_the_latest_authors_and_the_one_chosen(
    client, weeknotes, monkeypatch
):
    monkeypatch.setattr(models, "AUTHOR_CHOICES_FROM", 1)
    newest = UserFactory(display_name="Cai Rees")
    make_weeknote(title="Newest", authors=[newest], week_of=MONDAY + datetime.timedelta(21))

    offered = client.get("/weeknotes/").content.decode()
    chosen = client.get("/weeknotes/?author=nia-evans")

    assert '<option value="cai-rees">Cai Rees</option>' in offered
    assert '<option value="nia-evans"' not in offered
    assert "For anyone else, follow their name on one of their weeknotes." in offered
    assert '<option value="nia-evans" selected>Nia Evans</option>' in chosen.content.decode()
    assert titles(chosen) == ["Data in Wrexham", "Trust in Wrexham"]
