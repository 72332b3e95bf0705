"""Search of what is public: shared issues, their cohorts' public facts, and live pages.

Issues and cohorts are indexed in the cohorts app (``search_fields`` on their models);
weeknotes are indexed with their issue's and cohort's names, so a weeknote is found by
the place and issue it is filed under. Kept simple on purpose: issue 13 reworks search
for scale.
"""

from dataclasses import dataclass
from functools import cached_property

from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from cohorts.models import Cohort, Issue
from kernel.search_index import reindex

from .models import WeeknotePage


@dataclass(frozen=True)
class Hit:
    """One result and what it is: "issue", "cohort", "weeknote" or "page" (the template
    says each in words)."""

    kind: str
    item: object


def hit_for(item) -> Hit:
    if isinstance(item, Issue):
        return Hit("issue", item)
    if isinstance(item, Cohort):
        return Hit("cohort", item)
    if isinstance(item, WeeknotePage):
        return Hit("weeknote", item)
    return Hit("page", item)


class ChainedResults:
    """Several result sets read as one list, in order, for Django's paginator: each set is
    counted once, and only the rows of the page asked for are fetched."""

    def __init__(self, *parts):
        self.parts = parts

    @cached_property
    def counts(self) -> list[int]:
        return [part.count() for part in self.parts]

    def count(self) -> int:
        return sum(self.counts)

    def __getitem__(self, key: slice) -> list[Hit]:
        start, stop = key.start or 0, key.stop
        hits = []
        for part, size in zip(self.parts, self.counts, strict=True):
            if stop <= 0:
                break
            if start < size:
                hits.extend(hit_for(item) for item in part[start : min(stop, size)])
            start, stop = max(0, start - size), stop - size
        return hits


def public_search(query: str) -> ChainedResults:
    """What the public may find for ``query``: matching issues first, then cohorts (their
    public facts and counts only, as on the issue page), then live, public pages."""
    backend = get_search_backend()
    issues = backend.search(query, Issue.objects.all())
    cohorts = backend.search(query, Cohort.objects.select_related("issue").with_public_counts())
    pages = Page.objects.live().public().specific().search(query)
    return ChainedResults(issues, cohorts, pages)


def filed_under(instance):
    field = "issue" if isinstance(instance, Issue) else "cohort"
    return WeeknotePage.objects.filter(**{field: instance})


def reindex_weeknotes_of(sender, instance, created=False, raw=False, **kwargs):
    """A weeknote is indexed with its issue's and cohort's names: keep it found by the new
    name when one changes."""
    if not (created or raw):
        reindex(filed_under(instance))


def note_weeknotes_of(sender, instance, **kwargs):
    # Deleting sets the weeknotes' issue or cohort to null without saving them.
    instance.weeknote_pks = list(filed_under(instance).values_list("pk", flat=True))


def reindex_weeknotes_after_delete(sender, instance, **kwargs):
    """...and not found by the name of one deleted."""
    reindex(WeeknotePage.objects.filter(pk__in=instance.weeknote_pks))


def connect_signals() -> None:
    for model in (Issue, Cohort):
        name = model.__name__
        post_save.connect(reindex_weeknotes_of, sender=model, dispatch_uid=f"cms-save-{name}")
        pre_delete.connect(note_weeknotes_of, sender=model, dispatch_uid=f"cms-note-{name}")
        post_delete.connect(
            reindex_weeknotes_after_delete, sender=model, dispatch_uid=f"cms-delete-{name}"
        )
