"""Data at scale (`manage.py build_scale_data`): the sizes asked for, the project's rules
kept in every row, a page tree Wagtail can work with, and the same data for the same seed.

Built once for the module at a thousandth of the programme, inside a transaction rolled
back when the module is done (as tests/cylch/test_seed_demo.py does with the demo).
"""

import datetime
import hashlib
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count, Exists, OuterRef
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from accounts.models import User
from bench.scale import build_scale_data, landmarks
from bench.scale.people import EMAIL_DOMAIN, TODAY
from bench.scale.sizes import LONG_INQUIRY_CYCLES, Sizes
from cms.models import WeeknoteAuthor, WeeknoteIndexPage, WeeknotePage
from cohorts.models import Cohort, Membership, Role
from inquiries.models import Comment, Cycle, Entry, Inquiry
from kernel.text import render_markdown

SCALE = 0.001

pytestmark = pytest.mark.django_db


def quiet(_line):
    pass


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        output = io.StringIO()
        call_command("build_scale_data", scale=SCALE, seed=7, stdout=output)
        yield output.getvalue()
        transaction.set_rollback(True)


def content_of_a_build(seed: int) -> str:
    """A digest of everything built that a reader sees, ids aside."""
    with transaction.atomic():
        build_scale_data(scale=SCALE, seed=seed, write=quiet)
        rows = [
            list(User.objects.order_by("email").values_list("email", "display_name")),
            list(Cohort.objects.order_by("pk").values_list("slug", "starts_on", "status")),
            list(Inquiry.objects.order_by("pk").values_list("owner__email", "title", "question")),
            list(Entry.objects.order_by("pk").values_list("occurred_on", "body")),
            list(Comment.objects.order_by("pk").values_list("author__email", "body", "created_at")),
            [
                (w.path, w.slug, w.summary, w.week_of, json.dumps(list(w.body.raw_data)))
                for w in WeeknotePage.objects.order_by("path")
            ],
        ]
        transaction.set_rollback(True)
    return hashlib.sha256(repr(rows).encode()).hexdigest()


# First in the module: it builds in an empty database, before the module's build.
def test_the_same_seed_builds_the_same_data_and_another_seed_other_data():
    first = content_of_a_build(seed=3)
    assert content_of_a_build(seed=3) == first
    assert content_of_a_build(seed=4) != first


def test_the_full_scale_is_the_programme_of_issue_13():
    full = Sizes.for_scale(1)
    assert (full.cohorts, full.people, full.inquiries) == (100, 3000, 6000)
    assert (full.comments, full.weeknotes) == (500_000, 10_000)
    assert full.cycles == 5999 * 8 + 40  # eight each, and one long inquiry of forty
    assert 280_000 < full.entries < 300_000
    tenth = Sizes.for_scale(0.1)
    assert (tenth.people, tenth.inquiries, tenth.comments, tenth.weeknotes) == (
        300,
        600,
        50_000,
        1000,
    )


def test_it_builds_the_counts_its_scale_asks_for_and_says_how_far_it_has_got(built):
    sizes = Sizes.for_scale(SCALE)
    assert User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}").count() == sizes.people
    assert Cohort.objects.filter(slug__in=cohort_slugs()).count() == sizes.cohorts
    assert Inquiry.objects.count() == sizes.inquiries
    assert Cycle.objects.count() == sizes.cycles
    assert Entry.objects.count() == sizes.entries
    assert Comment.objects.count() == sizes.comments
    assert WeeknotePage.objects.published().count() == sizes.weeknotes
    assert f"comments: {sizes.comments:,} of {sizes.comments:,}" in built
    assert f"weeknotes: {sizes.weeknotes:,} of {sizes.weeknotes:,}" in built


def cohort_slugs():
    return Membership.objects.filter(user__email__endswith=f"@{EMAIL_DOMAIN}").values(
        "cohort__slug"
    )


def test_every_inquiry_belongs_to_a_participant_of_its_cohort(built):
    participant = Membership.objects.filter(
        user=OuterRef("owner"), cohort=OuterRef("cohort"), role=Role.PARTICIPANT
    )
    assert not Inquiry.objects.exclude(Exists(participant)).exists()


def test_every_comment_is_by_someone_who_can_see_its_inquiry(built):
    for author in User.objects.filter(comments__isnull=False).distinct():
        hidden = Comment.objects.filter(author=author).exclude(
            inquiry__in=Inquiry.objects.visible_to(author)
        )
        assert not hidden.exists(), author


def test_replies_answer_a_comment_of_the_same_inquiry_and_entry_one_level_deep(built):
    replies = Comment.objects.filter(parent__isnull=False).select_related("parent")
    assert replies.exists()
    for reply in replies:
        assert reply.parent.parent_id is None
        assert (reply.inquiry_id, reply.entry_id) == (
            reply.parent.inquiry_id,
            reply.parent.entry_id,
        )
        assert reply.created_at > reply.parent.created_at


def test_cycles_follow_one_another_and_only_a_running_cohort_has_one_open(built):
    for inquiry in Inquiry.objects.select_related("cohort"):
        cycles = list(inquiry.cycles.order_by("number"))
        assert [c.number for c in cycles] == list(range(1, len(cycles) + 1))
        open_cycles = [c for c in cycles if not c.is_closed]
        assert open_cycles == ([] if inquiry.cohort.is_closed else [cycles[-1]])
        for before, after in zip(cycles, cycles[1:], strict=False):
            assert before.closed_on < after.started_on
        assert cycles[0].started_on >= inquiry.cohort.starts_on


def test_nothing_is_dated_after_the_day_the_data_is_built_for(built):
    end_of_today = datetime.datetime.combine(TODAY, datetime.time.max, tzinfo=datetime.UTC)
    assert not Entry.objects.filter(occurred_on__gt=TODAY).exists()
    assert not Comment.objects.filter(created_at__gt=end_of_today).exists()
    assert not WeeknotePage.objects.filter(first_published_at__gt=end_of_today).exists()
    assert not WeeknotePage.objects.filter(week_of__gt=TODAY).exists()


def test_stored_html_is_what_the_one_sanitiser_makes_of_the_text(built):
    # A sample of each kind (rendering is what the pools spare the build).
    for row in [*Entry.objects.all()[:150], *Comment.objects.filter(parent__isnull=False)[:150]]:
        assert row.body_html == render_markdown(row.body)


def test_the_page_tree_has_no_problem_and_every_weeknote_is_a_published_child_of_the_index(built):
    assert Page.find_problems() == ([], [], [], [], [])
    index = WeeknoteIndexPage.objects.get()
    assert index.get_children().count() == index.numchild == Sizes.for_scale(SCALE).weeknotes
    assert WeeknotePage.objects.child_of(index).live().count() == index.numchild


def test_weeknotes_are_filed_and_signed_as_the_site_would_have_them(built):
    for weeknote in WeeknotePage.objects.select_related("cohort"):
        if weeknote.cohort:
            assert weeknote.issue_id == weeknote.cohort.issue_id
            members = set(weeknote.cohort.memberships.values_list("user", flat=True))
            assert {a.user_id for a in weeknote.authors.all()} <= members
        assert weeknote.authors.exists() and weeknote.tags.exists()
    # One public author slug per person, none shared by two people.
    slugs = WeeknoteAuthor.objects.order_by().values_list("slug", "user").distinct()
    assert len({slug for slug, _user in slugs}) == len(slugs)


def test_a_built_weeknote_reads_on_the_site_and_is_found_by_search(built, client):
    weeknote = WeeknotePage.objects.published().first()
    response = client.get(weeknote.url)
    assert response.status_code == 200
    assert weeknote.summary in response.content.decode()
    word = weeknote.title.split()[-1]
    found = get_search_backend().search(word, WeeknotePage.objects.live())
    assert weeknote in list(found)


def test_a_benchmark_finds_the_largest_cohort_and_the_longest_inquiry(built):
    found = landmarks()
    cohort = Cohort.objects.get(slug=found.cohort_slug)
    assert cohort.memberships.filter(user=found.facilitator, role=Role.FACILITATOR).exists()
    sizes = Membership.objects.values("cohort").annotate(n=Count("pk")).values_list("n", flat=True)
    assert cohort.memberships.count() == max(sizes)
    inquiry = Inquiry.objects.get(pk=found.long_inquiry_pk, owner=found.owner)
    assert inquiry.cycles.count() == LONG_INQUIRY_CYCLES


def test_building_again_in_the_same_database_is_refused(built):
    with pytest.raises(CommandError, match="already has data at scale"):
        call_command("build_scale_data", scale=SCALE, stdout=io.StringIO())
