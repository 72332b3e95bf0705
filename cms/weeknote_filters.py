"""The filters of the weeknote index and its feeds: ?tag=, ?issue=, ?cohort=, ?author=.

Each takes a slug and they combine. Slugs are matched exactly, so a value that is
not a slug, such as an email address, matches nothing.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.db import models
from django.utils.translation import gettext_lazy as _

MAX_SLUG_LENGTH = 200


class WeeknoteFilter(models.TextChoices):
    """The name of each filter in the query string, and how a reader is told it."""

    TAG = "tag", _("tag")
    ISSUE = "issue", _("shared issue")
    COHORT = "cohort", _("cohort")
    AUTHOR = "author", _("author")


def read_filters(params) -> dict[str, str]:
    """The filters asked for in a query string, as given (cut short), empty ones left out."""
    filters = {}
    for name in WeeknoteFilter.values:
        value = (params.get(name) or "").strip()[:MAX_SLUG_LENGTH]
        if value:
            filters[name] = value
    return filters


def filters_querystring(filters: dict[str, str]) -> str:
    """The filters as a query string, for links and feeds that keep them."""
    return urlencode(filters)


@dataclass
class FilterChoices:
    """What each filter can be set to, as (slug, name) pairs in the order the form lists them."""

    tags: list[tuple[str, str]]
    issues: list[tuple[str, str]]
    cohorts: list[tuple[str, str]]
    authors: list[tuple[str, str]]

    def label(self, name: str, slug: str) -> str:
        """The human name of a filter value, or the slug itself if nothing published has it."""
        options = {
            WeeknoteFilter.TAG: self.tags,
            WeeknoteFilter.ISSUE: self.issues,
            WeeknoteFilter.COHORT: self.cohorts,
            WeeknoteFilter.AUTHOR: self.authors,
        }[name]
        return dict(options).get(slug, slug)
