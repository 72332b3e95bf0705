"""Reads that join several tables, all through the visibility rule."""

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q

from .models import Comment, Cycle, Entry, Inquiry

CYCLES_PER_PAGE = 5


def _for_listing(queryset):
    return queryset.select_related("owner", "cohort").annotate(cycle_count=Count("cycles"))


def inquiries_of(*, user):
    """My own inquiries, latest activity first."""
    return _for_listing(Inquiry.objects.visible_to(user).filter(owner=user))


def inquiries_shared_with(*, user):
    """Others' inquiries I may read, latest activity first."""
    return _for_listing(Inquiry.objects.shared_with(user))


def inquiries_for_cohort(*, user, cohort):
    """The inquiries of one cohort that this person may see: for the cohort page."""
    return _for_listing(Inquiry.objects.visible_to(user).filter(cohort=cohort))


def inquiry_timeline(*, inquiry: Inquiry, page_number):
    """One page of an inquiry's cycles, newest first, each with its entries in order."""
    cycles = (
        Cycle.objects.filter(inquiry=inquiry)
        .order_by("-number")
        .prefetch_related(
            Prefetch(
                "entries",
                queryset=Entry.objects.order_by("occurred_on", "created_at", "pk").prefetch_related(
                    "organisations"
                ),
            )
        )
    )
    return Paginator(cycles, CYCLES_PER_PAGE).get_page(page_number)


def attach_comments(*, inquiry: Inquiry, cycles) -> list:
    """Give each entry on the page its comments (with replies), in one query.

    Returns the inquiry's own comments, those on no entry. Reads only what the
    caller already may see: the inquiry was fetched through ``visible_to``.
    """
    entries = [entry for cycle in cycles for entry in cycle.entries.all()]
    comments = list(
        Comment.objects.filter(inquiry=inquiry)
        .filter(Q(entry__isnull=True) | Q(entry__in=[e.pk for e in entries]))
        .select_related("author")
        .order_by("created_at", "pk")
    )
    by_parent = {}
    for comment in comments:
        by_parent.setdefault(comment.parent_id, []).append(comment)
    for comment in comments:
        comment.thread_replies = by_parent.get(comment.pk, [])
    top = [c for c in comments if c.parent_id is None]
    for entry in entries:
        entry.thread = [c for c in top if c.entry_id == entry.pk]
    return [c for c in top if c.entry_id is None]
