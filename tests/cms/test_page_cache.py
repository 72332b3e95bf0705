"""Public pages served whole from the shared cache to anonymous visitors (kernel/page_cache.py):
a change shows at once, and a signed-in page is never served to anyone else."""

import contextlib

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.cache.backends.dummy import DummyCache
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from taggit.models import Tag
from wagtail.models import PageViewRestriction, Site

from accounts.deletion import DeletionChoices, delete_account
from accounts.groups import EDITORS
from cms.models import OpenDataSettings, WeeknotePage
from kernel.page_cache import GENERATION_KEY, STATUS_HEADER
from tests.background import run_worker
from tests.cms.builders import make_private, make_weeknote
from tests.cms.test_editors import weeknote_form
from tests.factories import CohortFactory, IssueFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def weeknote(author, cohort):
    # The open data licence: made on its first reading otherwise, and its making (as any
    # change) empties the cache.
    OpenDataSettings.for_site(Site.objects.get(is_default_site=True))
    return make_weeknote(
        title="Trust across agencies",
        authors=[author],
        tags=["trust"],
        cohort=cohort,
        issue=cohort.issue,
    )


@pytest.fixture
def editor(db):
    user = UserFactory(display_name="Evan Editor")
    user.groups.add(Group.objects.get(name=EDITORS))
    client = Client()
    client.force_login(user)
    return client


def public_paths(weeknote):
    return [
        "/",
        "/weeknotes/",
        "/weeknotes/?tag=trust",
        weeknote.url,
        "/weeknotes/feed/rss/",
        "/weeknotes/feed/atom/",
        "/issues/",
        f"/issues/{weeknote.issue.slug}/",
        "/sitemap.xml",
        "/sitemap-pages.xml?p=1",
        "/open-data/",
        "/search/?q=trust",
        *OPEN_DATA_FILES,
        "/open-data/cohorts.json",
        "/open-data/sector-links.json",
        "/open-data/sector-links.csv",
    ]


# The weeknotes, made once a change and sent to every downloader (cms/open_data.py).
OPEN_DATA_FILES = ["/open-data/weeknotes.json", "/open-data/weeknotes.csv"]


def test_a_second_anonymous_visitor_is_served_from_the_cache_without_a_query(
    weeknote, django_assert_num_queries
):
    for path in public_paths(weeknote):
        first = Client().get(path)
        assert (first.status_code, first[STATUS_HEADER]) == (200, "miss"), path

        with django_assert_num_queries(0, info=path):
            second = Client().get(path)
            head = Client().head(path)

        assert (second.status_code, second[STATUS_HEADER]) == (200, "hit"), path
        assert second.content == first.content, path
        assert second["Content-Type"] == first["Content-Type"], path
        assert (head.status_code, head[STATUS_HEADER]) == (200, "hit"), path


def test_an_unknown_query_key_is_served_but_never_stored(weeknote):
    """Otherwise /?x=1, /?x=2, … would each store a page and could flood the cache."""
    for path in ("/?x=1", "/weeknotes/?tag=trust&tag=other", "/weeknotes/?utm_source=feed"):
        for _ in range(2):
            response = Client().get(path)
            assert response.status_code == 200, path
            assert STATUS_HEADER not in response, path
    assert Client().get("/weeknotes/?tag=trust&page=1")[STATUS_HEADER] == "miss"


def test_a_time_to_live_of_zero_turns_the_cache_off(weeknote, settings):
    """How `make bench` measures the pages themselves (PUBLIC_PAGE_CACHE_SECONDS=0)."""
    settings.PUBLIC_PAGE_CACHE = {**settings.PUBLIC_PAGE_CACHE, "TIMEOUT": 0}
    for _ in range(2):
        response = Client().get(weeknote.url)
        assert response.status_code == 200
        assert STATUS_HEADER not in response


@pytest.mark.parametrize("path", ["weeknote", *OPEN_DATA_FILES])
def test_a_cached_page_asks_to_be_checked_again_and_answers_not_modified(client, weeknote, path):
    path = weeknote.url if path == "weeknote" else path
    first = client.get(path)
    assert "no-cache" in first["Cache-Control"]
    assert "Cookie" in first["Vary"]

    again = client.get(path, headers={"If-None-Match": first["ETag"]})

    assert again.status_code == 304
    assert again.content == b""


def test_a_weeknote_published_in_the_admin_shows_at_once(
    client, editor, weeknote, author, django_capture_on_commit_callbacks
):
    assert b"Trust across agencies" in client.get("/weeknotes/").content
    draft = make_weeknote(title="Written later", authors=[author], publish=False)
    assert b"Written later" not in client.get("/weeknotes/").content
    assert b"Written later" not in client.get("/search/?q=written").content

    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(
            f"/admin/pages/{draft.pk}/edit/",
            {
                **weeknote_form(author, title=draft.title, slug=draft.slug),
                "action-publish": "action-publish",
            },
        )

    assert response.status_code == 302
    for path in ("/", "/weeknotes/", "/weeknotes/feed/atom/", "/search/?q=written"):
        assert b"Written later" in client.get(path).content, path
    assert draft.slug.encode() in client.get("/sitemap-pages.xml").content


def test_a_weeknote_unpublished_in_the_admin_is_gone_at_once(client, editor, weeknote):
    assert client.get(weeknote.url).status_code == 200
    assert b"Trust across agencies" in client.get("/weeknotes/feed/rss/").content
    assert b"Trust across agencies" in client.get("/search/?q=agencies").content

    editor.post(f"/admin/pages/{weeknote.pk}/unpublish/")

    assert client.get(weeknote.url).status_code == 404
    assert b"Trust across agencies" not in client.get("/weeknotes/feed/rss/").content
    assert b"Trust across agencies" not in client.get("/search/?q=agencies").content
    assert b"Trust across agencies" not in client.get("/").content


def test_the_open_data_files_change_at_once_when_a_weeknote_is_published_or_unpublished(
    client, editor, weeknote, author
):
    later = make_weeknote(title="Written later", authors=[author], publish=False)
    for path in OPEN_DATA_FILES:
        assert b"Written later" not in client.get(path).content, path
        assert client.get(path)[STATUS_HEADER] == "hit", path

    later.save_revision().publish()

    for path in OPEN_DATA_FILES:
        assert b"Written later" in client.get(path).content, path
        assert client.get(path)[STATUS_HEADER] == "hit", path

    editor.post(f"/admin/pages/{later.pk}/unpublish/")

    for path in OPEN_DATA_FILES:
        download = client.get(path).content
        assert b"Written later" not in download, path
        assert b"Trust across agencies" in download, path


def test_a_weeknote_deleted_in_the_admin_is_gone_at_once(client, editor, weeknote):
    assert client.get(weeknote.url).status_code == 200

    editor.post(f"/admin/pages/{weeknote.pk}/delete/")

    assert not WeeknotePage.objects.filter(pk=weeknote.pk).exists()
    assert client.get(weeknote.url).status_code == 404
    assert b"Trust across agencies" not in client.get("/weeknotes/").content


def test_a_change_published_from_a_revision_shows_at_once(client, weeknote):
    """As when an editor approves a review, or a scheduled publication comes due."""
    assert b"Trust across agencies" in client.get(weeknote.url).content
    weeknote.title = "Trust, a week later"
    revision = weeknote.save_revision()
    assert b"Trust, a week later" not in client.get(weeknote.url).content  # a draft only

    revision.publish()

    assert b"Trust, a week later" in client.get(weeknote.url).content
    assert b"Trust, a week later" in client.get("/").content


def test_a_weeknote_made_private_is_gone_from_the_public_at_once(client, weeknote):
    assert client.get(weeknote.url).status_code == 200

    make_private(weeknote)

    assert client.get(weeknote.url).status_code == 302
    assert b"Trust across agencies" not in client.get("/weeknotes/").content

    PageViewRestriction.objects.filter(page=weeknote).delete()

    assert client.get(weeknote.url).status_code == 200


def test_a_new_issue_title_shows_at_once(client, weeknote):
    issue = weeknote.issue
    for path in ("/", "/issues/", f"/issues/{issue.slug}/", weeknote.url):
        assert b"Drugs in Wrexham" in client.get(path).content, path

    issue.title = "Drug harm in Wrexham"
    issue.save()

    for path in ("/", "/issues/", f"/issues/{issue.slug}/", weeknote.url):
        assert b"Drug harm in Wrexham" in client.get(path).content, path


def test_a_renamed_tag_and_cohort_show_at_once(client, weeknote):
    assert b"Wrexham 2026" in client.get(weeknote.url).content

    cohort = weeknote.cohort
    cohort.name = "Wrexham and Flint 2026"
    cohort.save()
    tag = Tag.objects.get(slug="trust")
    tag.name = "trust between agencies"
    tag.save()

    page = client.get(weeknote.url).content
    assert b"Wrexham and Flint 2026" in page
    assert b"trust between agencies" in page


def test_a_new_member_counts_at_once_on_the_issue_page(client, cohort):
    path = f"/issues/{cohort.issue.slug}/"
    before = client.get(path).content

    MembershipFactory(cohort=cohort)

    assert client.get(path).content != before


def test_a_byline_made_anonymous_with_a_deleted_account_shows_at_once(client, weeknote, author):
    assert b"Nia Evans" in client.get(weeknote.url).content

    delete_account(author, DeletionChoices(keep_byline=False))

    page = client.get(weeknote.url).content
    assert b"Nia Evans" not in page
    assert b"A former participant" in page


def test_a_signed_in_page_is_never_served_from_the_cache_nor_stored(client, weeknote):
    signed_in = Client()
    signed_in.force_login(UserFactory(display_name="Siân Signed-In"))

    mine = signed_in.get("/")
    assert "Signed in as Siân Signed-In".encode() in mine.content
    assert STATUS_HEADER not in mine
    assert "private" in mine["Cache-Control"]

    anonymous = client.get("/")
    assert anonymous[STATUS_HEADER] == "miss"
    assert "Siân".encode() not in anonymous.content
    assert client.get("/")[STATUS_HEADER] == "hit"

    mine_again = signed_in.get("/")
    assert STATUS_HEADER not in mine_again
    assert "Signed in as Siân Signed-In".encode() in mine_again.content


def test_a_signed_in_download_is_never_served_from_the_cache_nor_stored(client, weeknote):
    signed_in = Client()
    signed_in.force_login(UserFactory())

    for path in OPEN_DATA_FILES:
        mine = signed_in.get(path)
        assert mine.status_code == 200, path
        assert STATUS_HEADER not in mine, path
        assert "private" in mine["Cache-Control"], path
        assert client.get(path)[STATUS_HEADER] == "miss", path  # nothing was stored
        assert STATUS_HEADER not in signed_in.get(path), path  # nor served from the cache


def test_the_message_after_signing_out_is_shown_and_never_cached(client, author):
    client.get("/")  # the page is in the cache
    leaving = Client()
    leaving.force_login(author)

    response = leaving.post("/accounts/logout/", follow=True)

    assert b"You have signed out." in response.content
    assert STATUS_HEADER not in response
    assert b"You have signed out." not in Client().get("/").content
    assert b"You have signed out." not in leaving.get("/").content


def test_a_page_with_a_csrf_token_is_never_cached(client, weeknote):
    PageViewRestriction.objects.create(
        page=weeknote, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )

    first = client.get(weeknote.url)
    assert first.status_code == 200  # the form asking for the password
    assert first.cookies
    assert STATUS_HEADER not in first
    assert STATUS_HEADER not in Client().get(weeknote.url)


def test_a_post_is_never_served_from_the_cache(client, weeknote):
    client.get(weeknote.url)
    assert client.get(weeknote.url)[STATUS_HEADER] == "hit"

    response = client.post(weeknote.url)

    assert STATUS_HEADER not in response


def test_pages_are_served_when_the_cache_fails(client, weeknote, monkeypatch):
    monkeypatch.setattr("kernel.page_cache.cache", _BrokenCache())

    assert client.get(weeknote.url).status_code == 200
    assert client.get(weeknote.url).status_code == 200
    weeknote.title = "Published with the cache down"
    weeknote.save_revision().publish()
    assert b"Published with the cache down" in client.get(weeknote.url).content


def test_pages_are_served_and_never_stored_when_the_cache_reads_its_errors_as_misses(
    client, weeknote, monkeypatch
):
    """As the production cache backend does: a failure reads as nothing there."""
    monkeypatch.setattr("kernel.page_cache.cache", DummyCache("", {}))

    first = client.get(weeknote.url)
    second = client.get(weeknote.url)

    assert (first.status_code, second.status_code) == (200, 200)
    assert STATUS_HEADER not in first
    assert STATUS_HEADER not in second


class _BrokenCache:
    def __getattr__(self, name):
        def fail(*args, **kwargs):
            raise ConnectionError("the cache is down")

        return fail


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("database_queue")
def test_search_shows_a_weeknote_once_the_worker_has_indexed_it(author):
    """In production a task indexes a published page after the save: a search cached in
    between must not keep the index as it was."""
    draft = make_weeknote(title="Harbour walk", authors=[author], publish=False)
    search = "/search/?q=harbour"
    assert b"Harbour walk" not in Client().get(search).content

    draft.save_revision().publish()
    before_indexing = Client().get(search)
    run_worker()
    after_indexing = Client().get(search)

    assert b"Harbour walk" not in before_indexing.content
    assert after_indexing[STATUS_HEADER] == "miss"
    assert b"Harbour walk" in after_indexing.content


def test_a_change_of_many_rows_renews_the_cache_once_when_it_commits(
    django_capture_on_commit_callbacks, monkeypatch
):
    """Each membership deleted with its cohort sends a signal: the cache is renewed at
    once for each, and one more time after the commit, not once a row again."""
    with django_capture_on_commit_callbacks() as after_commit:
        cohort = CohortFactory()
        MembershipFactory.create_batch(30, cohort=cohort)
        cohort.delete()
    renewals = []
    write = cache.set
    monkeypatch.setattr(
        cache,
        "set",
        lambda key, *args, **kwargs: (renewals.append(key), write(key, *args, **kwargs)),
    )

    for callback in after_commit:
        callback()

    assert renewals.count(GENERATION_KEY) == 1


def test_a_change_after_one_rolled_back_still_renews_the_cache_when_it_commits(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks() as after_commit:
        with contextlib.suppress(RuntimeError), transaction.atomic():
            IssueFactory(title="Never made")
            raise RuntimeError
        IssueFactory(title="Made")
    assert Client().get("/issues/")[STATUS_HEADER] == "miss"  # now stored

    for callback in after_commit:
        callback()

    assert Client().get("/issues/")[STATUS_HEADER] == "miss"


def test_the_weeknote_index_counts_and_lists_its_filter_choices_once_a_change(
    client, weeknote, author, settings
):
    """Made again for every visitor, signed in or not, as make bench measures pages, the
    index still counts its weeknotes and finds its filter choices only after a change."""
    settings.PUBLIC_PAGE_CACHE = {**settings.PUBLIC_PAGE_CACHE, "TIMEOUT": 0}
    client.get("/")  # what any first request looks up once (the sites' root pages)
    with CaptureQueriesContext(connection) as first:
        client.get("/weeknotes/")
    made = len(first)  # read now: the next request empties the log of queries
    with CaptureQueriesContext(connection) as again:
        page = client.get("/weeknotes/").content.decode()
    made_again = len(again)

    make_weeknote(title="Later", authors=[author], tags=["harbour"])
    after_a_change = client.get("/weeknotes/").content.decode()

    assert made_again == made - 5  # the count, and the tags, issues, cohorts and authors
    assert '<option value="harbour">' not in page
    assert '<option value="harbour">harbour</option>' in after_a_change
