"""Reads of published weeknotes, shared by the index, feeds, open data, home and issue pages.

Everything here starts from ``published_weeknotes()``: live, public (no view
restriction on the page or above it), so drafts, unpublished and private
pages appear nowhere.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Max, Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from cohorts.models import Cohort, Issue

from .models import (
    HOME_LATEST_WEEKNOTES,
    WEEKNOTES_PER_PAGE,
    WeeknoteAuthor,
    WeeknotePage,
    WeeknotePageTag,
)

FILTERS = ("tag", "issue", "cohort", "author")
FILTER_NAMES = {
    "tag": _("tag"),
    "issue": _("shared issue"),
    "cohort": _("cohort"),
    "author": _("author"),
}
MAX_SLUG_LENGTH = 200


def public_url(page, request) -> str:
    """A page's address on the host the reader asked for (ALLOWED_HOSTS vouches for it).

    Wagtail's get_full_url() uses the hostname stored on the Wagtail Site, which is
    'localhost' until someone sets it; feeds, the sitemap and open data should not.
    """
    return request.build_absolute_uri(page.get_url(request))


def published_weeknotes() -> QuerySet[WeeknotePage]:
    """Every weeknote the public may read, newest first."""
    return WeeknotePage.objects.live().public().order_by("-week_of", "-first_published_at", "-pk")


def with_relations(queryset: QuerySet[WeeknotePage]) -> QuerySet[WeeknotePage]:
    """What a list shows besides the page itself, fetched in a fixed number of queries."""
    return queryset.select_related("issue", "cohort").prefetch_related(
        Prefetch("authors", queryset=WeeknoteAuthor.objects.order_by("sort_order")),
        "tags",
    )


def listed_weeknotes() -> QuerySet[WeeknotePage]:
    """Published weeknotes for a list: relations fetched, bodies left in the database."""
    return with_relations(published_weeknotes()).defer_streamfields()


def latest_weeknotes(limit: int = HOME_LATEST_WEEKNOTES) -> list[WeeknotePage]:
    return list(listed_weeknotes()[:limit])


def latest_weeknotes_for_issue(issue: Issue, limit: int = 5) -> list[WeeknotePage]:
    """The newest published weeknotes about one shared issue, for the issue's page."""
    return list(listed_weeknotes().filter(issue=issue)[:limit])


def apply_filters(queryset: QuerySet[WeeknotePage], filters: dict[str, str]):
    """Narrow weeknotes by the slugs in ``filters`` (tag, issue, cohort, author), combined."""
    if "tag" in filters:
        tagged = WeeknotePageTag.objects.filter(tag__slug=filters["tag"])
        queryset = queryset.filter(pk__in=tagged.values("content_object_id"))
    if "issue" in filters:
        queryset = queryset.filter(issue__slug=filters["issue"])
    if "cohort" in filters:
        queryset = queryset.filter(cohort__slug=filters["cohort"])
    if "author" in filters:
        bylines = WeeknoteAuthor.objects.filter(slug=filters["author"])
        queryset = queryset.filter(pk__in=bylines.values("page_id"))
    return queryset


def read_filters(params) -> dict[str, str]:
    """The filters asked for in a query string, as given (cut short): slugs are matched
    exactly, so a value that is not a slug, such as an email address, matches nothing."""
    filters = {}
    for name in FILTERS:
        value = (params.get(name) or "").strip()[:MAX_SLUG_LENGTH]
        if value:
            filters[name] = value
    return filters


@dataclass
class WeeknoteListing:
    weeknotes: QuerySet[WeeknotePage]
    filters: dict[str, str] = field(default_factory=dict)

    @property
    def querystring(self) -> str:
        """The filters as a query string, for feed links that follow the same filters."""
        return urlencode(self.filters)


def weeknote_listing(params) -> WeeknoteListing:
    filters = read_filters(params)
    return WeeknoteListing(weeknotes=apply_filters(listed_weeknotes(), filters), filters=filters)


def paginate(queryset, number, per_page: int = WEEKNOTES_PER_PAGE) -> PaginatorPage:
    return Paginator(queryset, per_page).get_page(number)


@dataclass
class FilterChoices:
    tags: list[tuple[str, str]]
    issues: list[tuple[str, str]]
    cohorts: list[tuple[str, str]]
    authors: list[tuple[str, str]]

    def label(self, name: str, slug: str) -> str:
        """The human name of a filter value, or the slug itself if nothing published has it."""
        return dict(getattr(self, f"{name}s")).get(slug, slug)


def filter_choices() -> FilterChoices:
    """What the filters can be set to: only values some published weeknote has."""
    live = published_weeknotes().order_by().values("pk")
    tags = (
        Tag.objects.filter(cms_weeknotepagetag_items__content_object__in=live)
        .distinct()
        .order_by("name")
        .values_list("slug", "name")
    )
    issues = (
        Issue.objects.filter(weeknotes__in=live)
        .distinct()
        .order_by("title")
        .values_list("slug", "title")
    )
    cohorts = (
        Cohort.objects.filter(weeknotes__in=live)
        .distinct()
        .order_by("name")
        .values_list("slug", "name")
    )
    authors = (
        WeeknoteAuthor.objects.filter(page__in=live)
        .exclude(slug="")
        .values("slug")
        .annotate(shown=Max("name"))
        .order_by("shown")
        .values_list("slug", "shown")
    )
    return FilterChoices(
        tags=list(tags), issues=list(issues), cohorts=list(cohorts), authors=list(authors)
    )
