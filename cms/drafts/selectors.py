"""Reads for drafts: who may read one, my weeknotes and the weeks they cover."""

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Prefetch
from django.utils import timezone

from cohorts.models import Role

from ..models import WeeknotePage
from .models import DraftComment, DraftState, WeeknoteDraft

RHYTHM_WEEKS = 12


def monday_of(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def coaches_who_may_read(draft: WeeknoteDraft) -> list:
    """The coaches of the draft's cohort who may read it (a cohort has few coaches)."""
    coaches = get_user_model().objects.filter(
        memberships__cohort=draft.inquiry.cohort_id, memberships__role=Role.COACH, is_active=True
    )
    return [
        coach
        for coach in coaches
        if WeeknoteDraft.objects.visible_to(coach).filter(pk=draft.pk).exists()
    ]


def draft_for_reading(*, user, pk: int) -> WeeknoteDraft | None:
    """A draft with what its page shows, if ``user`` may read it."""
    comments = DraftComment.objects.select_related("author")
    return (
        WeeknoteDraft.objects.visible_to(user)
        .select_related("owner", "inquiry__cohort__issue", "cycle", "page")
        .prefetch_related(Prefetch("comments", queryset=comments))
        .filter(pk=pk)
        .first()
    )


def my_drafts(user):
    return (
        WeeknoteDraft.objects.filter(owner=user)
        .select_related("inquiry", "page")
        .order_by("-week_of", "-created_at", "-pk")
    )


def drafts_to_read(user):
    """Other people's drafts this person may read (a coach's), not yet published."""
    return (
        WeeknoteDraft.objects.visible_to(user)
        .exclude(owner=user)
        .exclude(state__in=[DraftState.PUBLISHED, DraftState.UNPUBLISHED])
        .select_related("owner", "inquiry")
        .order_by("-updated_at", "-pk")
    )


@dataclass(frozen=True)
class Week:
    monday: datetime.date
    weeknotes: tuple[str, ...]  # titles of mine published or in review that week

    @property
    def has_weeknote(self) -> bool:
        return bool(self.weeknotes)


def rhythm(user, *, today: datetime.date | None = None) -> list[Week]:
    """The last twelve weeks, newest first, each with my weeknotes published or in review."""
    today = today or timezone.localdate()
    this_monday = monday_of(today)
    mondays = [this_monday - datetime.timedelta(weeks=n) for n in range(RHYTHM_WEEKS)]
    titles: dict[datetime.date, list[str]] = {monday: [] for monday in mondays}
    shared = WeeknoteDraft.objects.filter(
        owner=user,
        week_of__gte=mondays[-1],
        state__in=[DraftState.SUBMITTED, DraftState.CHANGES_REQUESTED, DraftState.PUBLISHED],
    ).values_list("week_of", "title")
    written = (
        WeeknotePage.objects.published()
        .filter(authors__user=user, week_of__gte=mondays[-1], draft__isnull=True)
        .values_list("week_of", "title")
    )
    for week_of, title in [*shared, *written]:
        monday = monday_of(week_of)
        if monday in titles:
            titles[monday].append(title)
    return [Week(monday, tuple(titles[monday])) for monday in mondays]
