"""Open data at /open-data/: what is published, under which licence, escaped as it must be."""

import csv
import io
import json
from urllib.parse import unquote

import pytest
from django.conf import settings
from hypothesis import given
from hypothesis import strategies as st
from wagtail.models import Site

from cms.models import OpenDataSettings, WeeknotePage
from cms.open_data import COHORT_FIELDS, ISSUE_FIELDS, WEEKNOTE_FIELDS
from cms.sitemaps import PageSitemap
from cohorts.models import Cohort, Issue
from kernel.page_cache import forget_public_pages
from tests.cms.builders import make_weeknote
from tests.cms.fuzzing import FUZZ, store, texts, visible
from tests.cms.sitemap_reader import locations, on_this_site, read_sitemap, sitemap_responses
from tests.factories import CohortFactory, MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def downloaded(response):
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def published(author, cohort):
    return make_weeknote(
        title="=SUM(A1) is not a formula here",
        authors=[author, UserFactory(display_name="Owen Jones")],
        tags=["trust", "data sharing"],
        issue=cohort.issue,
        cohort=cohort,
        summary="What we learned.",
    )


def test_the_page_states_the_licence_and_describes_every_field(client, index):
    html = client.get("/open-data/").content.decode()

    assert "Open Government Licence v3.0" in html
    assert (
        'href="https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"' in html
    )
    for name, _description in WEEKNOTE_FIELDS + ISSUE_FIELDS + COHORT_FIELDS:
        assert f"<code>{name}</code>" in html
    for link in ("weeknotes.json", "weeknotes.csv", "cohorts.json"):
        assert f'href="/open-data/{link}"' in html


def test_the_licence_is_a_site_setting_editors_of_the_site_can_change(client, index):
    settings = OpenDataSettings.for_site(Site.objects.get(is_default_site=True))
    settings.licence_name = "Creative Commons Attribution 4.0"
    settings.licence_url = "https://creativecommons.org/licenses/by/4.0/"
    settings.save()

    assert "Creative Commons Attribution 4.0" in client.get("/open-data/").content.decode()
    data = json.loads(downloaded(client.get("/open-data/weeknotes.json")))
    assert data["licence"] == "Creative Commons Attribution 4.0"


def test_weeknotes_json_lists_published_weeknotes_with_their_fields(client, published, author):
    body = downloaded(client.get("/open-data/weeknotes.json"))
    data = json.loads(body)

    assert data["licence"] == "Open Government Licence v3.0"
    (row,) = data["weeknotes"]
    assert list(row) == [name for name, _ in WEEKNOTE_FIELDS]
    assert row["title"] == published.title
    assert row["url"] == f"{settings.SITE_URL}{published.url}"
    assert row["authors"] == ["Nia Evans", "Owen Jones"]
    assert row["author_slugs"] == ["nia-evans", "owen-jones"]
    assert row["tags"] == ["data sharing", "trust"]
    assert (row["issue"], row["cohort"]) == ("drugs-in-wrexham", "wrexham-2026")
    assert author.email not in body


def test_weeknotes_json_is_valid_when_nothing_is_published(client, index):
    assert json.loads(downloaded(client.get("/open-data/weeknotes.json")))["weeknotes"] == []


def test_weeknotes_csv_has_a_header_row_and_one_row_a_weeknote(client, published, author):
    body = downloaded(client.get("/open-data/weeknotes.csv"))
    rows = list(csv.DictReader(io.StringIO(body)))

    (row,) = rows
    assert list(row) == [name for name, _ in WEEKNOTE_FIELDS]
    assert row["authors"] == "Nia Evans; Owen Jones"
    assert row["tags"] == "data sharing; trust"
    assert row["week_of"] == published.week_of.isoformat()
    # A spreadsheet must not run a title as a formula.
    assert row["title"] == "'=SUM(A1) is not a formula here"
    assert author.email not in body


def test_cohorts_json_gives_public_facts_and_counts_never_people(client, cohort):
    members = [
        MembershipFactory(
            cohort=cohort, organisation=OrganisationFactory(name="North Wales Police")
        ),
        MembershipFactory(cohort=cohort, organisation=OrganisationFactory(name="Betsi Cadwaladr")),
    ]
    MembershipFactory(cohort=cohort, organisation=members[0].organisation)
    CohortFactory(issue=cohort.issue, name="Later cohort", slug="later")

    body = downloaded(client.get("/open-data/cohorts.json"))
    data = json.loads(body)

    (issue,) = data["issues"]
    assert issue["slug"] == "drugs-in-wrexham"
    assert issue["url"] == f"{settings.SITE_URL}/issues/drugs-in-wrexham/"
    wrexham = next(c for c in issue["cohorts"] if c["slug"] == "wrexham-2026")
    assert list(wrexham) == [name for name, _ in COHORT_FIELDS]
    assert (wrexham["members"], wrexham["organisations"]) == (3, 2)
    assert wrexham["place"] == "Wrexham"
    assert wrexham["starts_on"] == "2026-09-01"
    for membership in members:
        assert membership.user.email not in body
        assert membership.user.display_name not in body
        assert membership.organisation.name not in body


def test_the_sitemap_lists_public_pages_and_the_open_data_page(client, published):
    xml = read_sitemap(client)

    assert f"<loc>{settings.SITE_URL}/</loc>" in xml
    assert f"<loc>{settings.SITE_URL}/weeknotes/</loc>" in xml
    assert f"<loc>{settings.SITE_URL}{published.url}</loc>" in xml
    assert f"<loc>{settings.SITE_URL}/open-data/</loc>" in xml


# A slug in any script, as Wagtail allows (letters, digits, "-" and "_").
slugs = st.text(
    st.characters(categories=["Ll", "Lu", "Lo", "Nd"], include_characters="-_"),
    min_size=1,
    max_size=40,
)


@FUZZ
@given(title=texts(), slug=slugs)
def test_the_sitemap_carries_addresses_only_and_any_slug_as_itself(client, fuzzed, title, slug):
    index = fuzzed.get_parent()
    WeeknotePage.objects.filter(pk=fuzzed.pk).update(
        title=title, slug=slug, url_path=f"{index.url_path}{slug}/"
    )
    forget_public_pages()  # an update by SQL sends no signal

    responses = sitemap_responses(client)
    assert not any(b"<script" in response.content.lower() for response in responses)
    found = [unquote(loc) for response in responses for loc in locations(response.content)]
    assert f"{settings.SITE_URL}/weeknotes/{slug}/" in found


def test_the_sitemap_is_an_index_of_sitemaps_of_at_most_its_limit(client, author, monkeypatch):
    monkeypatch.setattr(PageSitemap, "limit", 2)
    weeknotes = [make_weeknote(authors=[author]) for _ in range(3)]

    index = locations(client.get("/sitemap.xml").content)
    pages = [locations(client.get(on_this_site(address)).content) for address in index]

    assert index == [
        f"{settings.SITE_URL}/sitemap-pages.xml",
        f"{settings.SITE_URL}/sitemap-pages.xml?p=2",
        f"{settings.SITE_URL}/sitemap-pages.xml?p=3",
        f"{settings.SITE_URL}/sitemap-open-data.xml",
    ]
    assert [len(page) for page in pages] == [2, 2, 1, 1]
    assert sum(pages, []) == [
        f"{settings.SITE_URL}/",
        f"{settings.SITE_URL}/weeknotes/",
        *(f"{settings.SITE_URL}{weeknote.url}" for weeknote in weeknotes),
        f"{settings.SITE_URL}/open-data/",
    ]


# Whatever text is stored, the files parse, carry it without control characters,
# and JSON carries no markup a browser could take for HTML.


def weeknote_row(client):
    body = downloaded(client.get("/open-data/weeknotes.json"))
    assert "<" not in body
    (row,) = json.loads(body)["weeknotes"]
    return row


def csv_row(client):
    body = downloaded(client.get("/open-data/weeknotes.csv"))
    (row,) = csv.DictReader(io.StringIO(body, newline=""))
    return row


def spreadsheet_safe(text):
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def test_control_characters_are_left_out(client, fuzzed):
    store(
        fuzzed,
        title="Walking\x0b the route",
        summary="What\x1b we\nlearned",
        tag="tr\x07ust",
        author="Nia\x85 Evans",
    )

    row = weeknote_row(client)
    assert row["title"] == "Walking the route"
    assert row["summary"] == "What we\nlearned"
    assert row["tags"] == ["trust"]
    assert row["authors"] == ["Nia Evans"]
    row = csv_row(client)
    assert (row["title"], row["summary"], row["tags"], row["authors"]) == (
        "Walking the route",
        "What we\nlearned",
        "trust",
        "Nia Evans",
    )


def test_json_carries_markup_as_text_no_browser_reads_as_html(client, fuzzed):
    store(fuzzed, title="<script>alert(1)</script> & co", summary="<b>", tag="<i>", author="Nia")

    row = weeknote_row(client)  # the file has no "<" in it
    assert (row["title"], row["summary"], row["tags"]) == (
        "<script>alert(1)</script> & co",
        "<b>",
        ["<i>"],
    )


@FUZZ
@given(title=texts(), summary=texts(), tag=texts(pieces=3), author=texts())
def test_any_weeknote_text_comes_out_of_json_and_csv_as_that_text(
    client, fuzzed, title, summary, tag, author
):
    store(fuzzed, title=title, summary=summary, tag=tag, author=author)

    row = weeknote_row(client)
    assert (row["title"], row["summary"]) == (visible(title), visible(summary))
    assert (row["tags"], row["authors"]) == ([visible(tag)], [visible(author)])
    row = csv_row(client)
    assert row["title"] == spreadsheet_safe(visible(title))
    assert row["summary"] == spreadsheet_safe(visible(summary))
    assert row["tags"] == spreadsheet_safe(visible(tag))
    assert row["authors"] == spreadsheet_safe(visible(author))


@FUZZ
@given(title=texts(pieces=4), summary=texts(), name=texts(pieces=4), place=texts(pieces=4))
def test_any_issue_or_cohort_text_comes_out_of_cohorts_json_as_that_text(
    client, cohort, title, summary, name, place
):
    Issue.objects.filter(pk=cohort.issue_id).update(title=title, summary=summary)
    Cohort.objects.filter(pk=cohort.pk).update(name=name, place=place)
    forget_public_pages()  # an update by SQL sends no signal

    body = downloaded(client.get("/open-data/cohorts.json"))
    assert "<" not in body
    (issue,) = json.loads(body)["issues"]
    assert (issue["title"], issue["summary"]) == (visible(title), visible(summary))
    (row,) = issue["cohorts"]
    assert (row["name"], row["place"]) == (visible(name), visible(place))
