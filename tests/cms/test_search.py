"""Search of public pages at /search/."""

import datetime
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.db.models import Value
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from cms import views
from cms.models import WeeknotePage
from cms.views import SEARCH_RESULTS_PER_PAGE
from tests.cms.builders import make_weeknote
from tests.factories import MembershipFactory, OrganisationFactory, StaffFactory, UserFactory

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


def result_links(html: str) -> list[tuple[str, str]]:
    """Each result's (address, title), in order."""
    return re.findall(r'<h2><a href="([^"]+)">([^<]+)</a></h2>', html)


def test_search_finds_the_issue_its_cohort_and_the_weeknotes_filed_under_them(
    client, author, cohort
):
    filed = make_weeknote(
        title="Walking the route", authors=[author], issue=cohort.issue, cohort=cohort
    )
    make_weeknote(title="Elsewhere entirely", authors=[author])
    make_weeknote(
        title="Not yet published",
        authors=[author],
        issue=cohort.issue,
        cohort=cohort,
        publish=False,
    )

    for words in ("Wrexham", "drugs", "Drugs in Wrexham"):
        html = client.get(f"/search/?q={words}").content.decode()

        assert result_links(html) == [
            ("/issues/drugs-in-wrexham/", "Drugs in Wrexham"),
            ("/issues/drugs-in-wrexham/#cohort-wrexham-2026", "Wrexham 2026"),
            (filed.url, "Walking the route"),
        ], words
        assert "3 results for" in html


def test_each_result_says_what_it_is(client, author, cohort):
    make_weeknote(
        title="Walking the route",
        authors=[author],
        cohort=cohort,
        issue=cohort.issue,
        week_of=datetime.date(2026, 9, 7),
    )

    html = client.get("/search/?q=Wrexham").content.decode()

    assert '<p class="meta">Shared issue</p>' in html
    assert "Cohort working on Drugs in Wrexham · Wrexham · 1 Sep 2026 – 31 Mar 2027" in html
    assert "31 Mar 2027 · Active</p>" in html
    assert "Weeknote · week of 7 September 2026" in html


def test_a_cohort_is_found_with_its_public_facts_and_never_by_its_people(client, cohort):
    for organisation, person in (("Wrexham Council", "Gwen"), ("Kaleidoscope Project", "Dylan")):
        MembershipFactory(
            cohort=cohort,
            organisation=OrganisationFactory(name=organisation),
            user=UserFactory(display_name=f"{person} Outreach"),
            role_in_organisation="Outreach worker",
        )

    html = client.get("/search/?q=Wrexham").content.decode()
    issue_page = client.get("/issues/drugs-in-wrexham/").content.decode()

    assert "2 members, 2 organisations, 1 sector." in html
    assert "Outreach" not in html
    assert "Kaleidoscope" not in html
    assert 'id="cohort-wrexham-2026"' in issue_page
    for words in ("Dylan", "Kaleidoscope", "Outreach"):
        assert (
            f"Nothing published matches “{words}”."
            in client.get(f"/search/?q={words}").content.decode()
        )


def test_a_renamed_issue_and_cohort_find_their_weeknotes_by_the_new_names(client, author, cohort):
    make_weeknote(title="Walking the route", authors=[author], issue=cohort.issue, cohort=cohort)
    issue = cohort.issue
    issue.title = "Drug harm in the town"
    issue.save()
    cohort.name, cohort.place = "Caergwrle 2026", "Caergwrle"
    cohort.save()

    harm = [title for _url, title in result_links(client.get("/search/?q=harm").content.decode())]
    place = client.get("/search/?q=Caergwrle").content.decode()

    assert harm == ["Drug harm in the town", "Caergwrle 2026", "Walking the route"]
    assert [title for _url, title in result_links(place)] == ["Caergwrle 2026", "Walking the route"]
    assert "Nothing published matches" in client.get("/search/?q=Wrexham").content.decode()


def test_a_weeknote_is_not_found_by_the_name_of_a_deleted_cohort(client, author, cohort):
    make_weeknote(title="Walking the route", authors=[author], issue=cohort.issue, cohort=cohort)

    cohort.delete()

    assert result_links(client.get("/search/?q=2026").content.decode()) == []
    assert "Walking the route" in client.get("/search/?q=drugs").content.decode()


def test_results_of_every_kind_are_paginated_as_one_list(client, author, cohort, monkeypatch):
    monkeypatch.setattr(views, "SEARCH_RESULTS_PER_PAGE", 3)
    for number in range(3):
        make_weeknote(
            title=f"Wrexham walk {number}", authors=[author], cohort=cohort, issue=cohort.issue
        )

    first = result_links(client.get("/search/?q=Wrexham").content.decode())
    second = result_links(client.get("/search/?q=Wrexham&page=2").content.decode())

    assert first[:2] == [
        ("/issues/drugs-in-wrexham/", "Drugs in Wrexham"),
        ("/issues/drugs-in-wrexham/#cohort-wrexham-2026", "Wrexham 2026"),
    ]
    assert len(first) == 3
    assert len(second) == 2
    titles = {title for _url, title in first[2:] + second}
    assert titles == {f"Wrexham walk {number}" for number in range(3)}


def test_staff_still_find_a_cohort_in_the_admin_by_part_of_its_name(client, cohort):
    client.force_login(StaffFactory())

    listing = client.get("/admin/snippets/cohorts/cohort/?q=Wrex").content.decode()
    chooser = client.get("/admin/snippets/choose/cohorts/cohort/results/?q=Wrex")
    issue_chooser = client.get("/admin/snippets/choose/cohorts/issue/results/?q=Dru")

    assert "Wrexham 2026" in listing
    assert "Wrexham 2026" in chooser.content.decode()
    assert "Drugs in Wrexham" in issue_chooser.content.decode()


def test_a_title_match_ranks_above_a_body_mention_and_more_mentions_above_one(client, author):
    paragraph = "<p>We met in the library, then walked on by the {} in the rain.</p>"
    make_weeknote(
        title="One mention",
        authors=[author],
        body=[("paragraph", paragraph.format("harbour"))],
    )
    make_weeknote(title="Nothing about it", authors=[author])
    make_weeknote(title="The harbour at dawn", authors=[author])
    make_weeknote(
        title="Many mentions",
        authors=[author],
        body=[("paragraph", paragraph.format("harbour, the harbour wall and the harbour"))],
    )

    html = client.get("/search/?q=harbour").content.decode()
    titles = [title for _url, title in result_links(html)]

    assert titles == ["The harbour at dawn", "Many mentions", "One mention"]


def page_search_plan(words: str) -> str:
    """How the database finds the live pages matching ``words``, ranked (its plan)."""
    results = get_search_backend().search(words, Page.objects.live().public())
    ranked = results.query_compiler.ranked_entries(
        results.query_compiler.get_config(results.backend)
    )
    if connection.vendor == "sqlite":
        return ranked.explain()
    with connection.cursor() as cursor:
        # Few pages are quicker to read whole, then each one's entry by its key: ask how
        # the match itself is found, as it must be among 10,000 pages.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_nestloop = off")
    return ranked[:20].explain()


def fill_the_postgresql_search_index(entries: int) -> None:
    """Index entries of pages that say other things, and fresh statistics, so that the
    planner weighs the indexes as at scale."""
    weeknote = ContentType.objects.get_for_model(WeeknotePage)
    words = SearchVector(Value("Minutes of the meeting about the allotments"))
    IndexEntry.objects.bulk_create(
        IndexEntry(content_type=weeknote, object_id=f"-{n}", title=words, body=words)
        for n in range(entries)
    )
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {IndexEntry._meta.db_table}")


def test_search_finds_pages_through_the_full_text_index_once(author):
    make_weeknote(title="The harbour at dawn", authors=[author])
    if connection.vendor == "postgresql":
        fill_the_postgresql_search_index(5000)

    plan = page_search_plan("harbour")

    if connection.vendor == "sqlite":
        # Matched once, in the full-text table; not again for every result found.
        assert "VIRTUAL TABLE INDEX" in plan
        assert "CORRELATED" not in plan
    else:
        assert "Bitmap Index Scan on cms_search_title_body_gin" in plan
