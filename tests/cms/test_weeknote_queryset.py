"""WeeknotePage.objects: the reads every public surface starts from, tested directly."""

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from cms.models import WeeknotePage
from tests.cms.builders import make_private, make_weeknote
from tests.factories import CohortFactory, IssueFactory, UserFactory

pytestmark = pytest.mark.django_db

MONDAY = datetime.date(2026, 9, 7)


def week(number: int) -> datetime.date:
    return MONDAY + datetime.timedelta(weeks=number)


def titles(queryset) -> list[str]:
    return [page.title for page in queryset]


def test_published_leaves_out_drafts_unpublished_and_view_restricted_weeknotes(author):
    make_weeknote(title="Published", authors=[author])
    make_weeknote(title="Draft", authors=[author], publish=False)
    make_weeknote(title="Unpublished", authors=[author]).unpublish()
    make_private(make_weeknote(title="Private", authors=[author]))
    with_draft = make_weeknote(title="Published with a newer draft", authors=[author])
    with_draft.title = "The newer draft"
    with_draft.save_revision()

    assert sorted(titles(WeeknotePage.objects.published())) == [
        "Published",
        "Published with a newer draft",
    ]
    assert WeeknotePage.objects.count() == 5


def test_published_leaves_out_weeknotes_under_a_view_restricted_page(author, index):
    make_weeknote(title="Under a private index", authors=[author])
    make_private(index)

    assert not WeeknotePage.objects.published().exists()


def test_published_is_newest_week_first_then_latest_published_then_latest_made(author):
    make_weeknote(title="Oldest week", authors=[author], week_of=week(0))
    published_later = make_weeknote(title="Published later", authors=[author], week_of=week(1))
    published_earlier = make_weeknote(title="Published earlier", authors=[author], week_of=week(1))
    made_first = make_weeknote(title="Made first", authors=[author], week_of=week(1))
    made_second = make_weeknote(title="Made second", authors=[author], week_of=week(1))
    now = timezone.now()
    for page, published_at in [
        (published_later, now),
        (published_earlier, now - datetime.timedelta(days=2)),
        (made_first, now - datetime.timedelta(days=1)),
        (made_second, now - datetime.timedelta(days=1)),
    ]:
        WeeknotePage.objects.filter(pk=page.pk).update(first_published_at=published_at)
    make_weeknote(title="Newest week", authors=[author], week_of=week(2))

    assert titles(WeeknotePage.objects.published()) == [
        "Newest week",
        "Published later",
        "Made second",
        "Made first",
        "Published earlier",
        "Oldest week",
    ]


@pytest.fixture
def weeknotes(author, issue, cohort):
    other = UserFactory(display_name="Owen Jones")
    other_issue = IssueFactory(title="Ageing well", slug="ageing-well")
    make_weeknote(
        title="Trust in Wrexham",
        authors=[author],
        tags=["trust", "data sharing"],
        issue=issue,
        cohort=cohort,
        week_of=week(0),
    )
    make_weeknote(
        title="Trust and ageing",
        authors=[other],
        tags=["trust"],
        issue=other_issue,
        week_of=week(1),
    )
    make_weeknote(title="Data", authors=[other, author], tags=["data sharing"], week_of=week(2))
    make_weeknote(title="A draft", authors=[author], tags=["trust"], issue=issue, publish=False)
    make_private(
        make_weeknote(
            title="Private",
            authors=[UserFactory(display_name="Pat Private")],
            tags=["secret"],
            cohort=CohortFactory(name="Hidden cohort", issue=other_issue),
        )
    )


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ["Data", "Trust and ageing", "Trust in Wrexham"]),
        ({"tag": "trust"}, ["Trust and ageing", "Trust in Wrexham"]),
        ({"issue": "drugs-in-wrexham"}, ["Trust in Wrexham"]),
        ({"cohort": "wrexham-2026"}, ["Trust in Wrexham"]),
        ({"author": "nia-evans"}, ["Data", "Trust in Wrexham"]),
        ({"author": "owen-jones", "tag": "data-sharing"}, ["Data"]),
        ({"tag": "trust", "issue": "ageing-well", "author": "nia-evans"}, []),
        ({"tag": "no-such-tag"}, []),
    ],
)
def test_matching_keeps_the_weeknotes_with_every_slug_given(weeknotes, filters, expected):
    assert titles(WeeknotePage.objects.published().matching(filters)) == expected


def test_filter_choices_are_the_values_of_the_weeknotes_asked_about(weeknotes):
    choices = WeeknotePage.objects.published().filter_choices()

    assert choices.tags == [("data-sharing", "data sharing"), ("trust", "trust")]
    assert choices.issues == [
        ("ageing-well", "Ageing well"),
        ("drugs-in-wrexham", "Drugs in Wrexham"),
    ]
    assert choices.cohorts == [("wrexham-2026", "Wrexham 2026")]
    assert choices.authors == [("nia-evans", "Nia Evans"), ("owen-jones", "Owen Jones")]
    assert choices.label("tag", "data-sharing") == "data sharing"
    assert choices.label("author", "somebody-else") == "somebody-else"
    narrowed = WeeknotePage.objects.published().matching({"tag": "data-sharing"}).filter_choices()
    assert narrowed.issues == [("drugs-in-wrexham", "Drugs in Wrexham")]


def test_a_listing_costs_the_same_few_queries_however_many_weeknotes(
    weeknotes, django_assert_num_queries
):
    for number in range(5):
        make_weeknote(authors=[UserFactory()], tags=[f"tag-{number}"], issue=IssueFactory())

    # The view restrictions public() leaves out, the pages with their issue and cohort,
    # their authors, their tags.
    with django_assert_num_queries(4):
        listed = [
            (page.title, page.issue, page.cohort, list(page.authors.all()), list(page.tags.all()))
            for page in WeeknotePage.objects.published().for_listing()
        ]

    assert len(listed) == 8


def test_by_first_author_counts_only_the_first_byline(author):
    other = UserFactory(display_name="Owen Jones")
    make_weeknote(title="Nia first", authors=[author, other], week_of=week(0))
    make_weeknote(title="Owen first", authors=[other, author], week_of=week(0))
    make_weeknote(title="Nia alone", authors=[author], week_of=week(1))

    assert titles(WeeknotePage.objects.published().by_first_author("nia-evans")) == [
        "Nia alone",
        "Nia first",
    ]
    assert titles(WeeknotePage.objects.published().by_first_author("owen-jones")) == ["Owen first"]


def test_before_and_after_give_the_nearest_first_and_break_a_tie_by_id(author):
    earlier = make_weeknote(title="Earlier week", authors=[author], week_of=week(0))
    first_of_week = make_weeknote(title="First of the week", authors=[author], week_of=week(1))
    this = make_weeknote(title="This one", authors=[author], week_of=week(1))
    last_of_week = make_weeknote(title="Last of the week", authors=[author], week_of=week(1))
    later = make_weeknote(title="Later week", authors=[author], week_of=week(2))
    published = WeeknotePage.objects.published()

    assert list(published.before(this)) == [first_of_week, earlier]
    assert list(published.after(this)) == [last_of_week, later]
    assert not published.before(earlier).exists()
    assert not published.after(later).exists()


def latest_weeknotes_plan() -> str:
    """How the database finds the five newest published weeknotes (its plan)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # A handful of rows is quicker to sort whole: ask whether the newest can be
            # read in order instead, as they must be among 10,000.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_sort = off")
    return WeeknotePage.objects.published()[:5].explain()


def test_the_newest_weeknotes_are_read_in_week_order_from_an_index(author):
    for number in range(3):
        make_weeknote(authors=[author], week_of=week(number))

    plan = latest_weeknotes_plan()

    assert "cms_weeknote_week_of_idx" in plan
