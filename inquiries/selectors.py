"""Reads that join several tables, all through the visibility rule."""

from django.core.paginator import Paginator
from django.db.models import Count, Max, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse

from cohorts.models import Cohort, CohortStatus, Organisation

from . import notifications
from .models import Comment, Cycle, Entry, Inquiry, InquiryStatus, Notification

CYCLES_PER_PAGE = 5
NOTIFICATIONS_PER_PAGE = 20


def _for_listing(queryset):
    """Inquiries as lists show them: with owner and cohort, and ``cycle_count``, the
    number of their cycles.

    Counted for each inquiry listed, by its cycles' index: a join and ``GROUP BY`` read
    every cycle of the programme, and dropped the model's ordering (Django leaves
    ``Meta.ordering`` out of a grouped query).
    """
    cycles = Cycle.objects.filter(inquiry=OuterRef("pk")).order_by().values("inquiry")
    return queryset.select_related("owner", "cohort").annotate(
        cycle_count=Coalesce(Subquery(cycles.annotate(n=Count("pk")).values("n")), 0)
    )


def inquiries_of(*, user):
    """My own inquiries, latest activity first."""
    return _for_listing(Inquiry.objects.visible_to(user).filter(owner=user))


def inquiries_shared_with(*, user):
    """Others' inquiries I may read, latest activity first."""
    return _for_listing(Inquiry.objects.shared_with(user))


def inquiries_for_cohort(*, user, cohort):
    """The inquiries of one cohort that this person may see: for the cohort page."""
    return _for_listing(Inquiry.objects.visible_to(user).filter(cohort=cohort))


def cohort_organisations(*, cohort: Cohort):
    """The organisations of a cohort's members, which its entries may tag."""
    return Organisation.objects.filter(memberships__cohort=cohort).distinct().order_by("name")


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


def with_open_cycle_number(inquiries):
    """Annotate each inquiry with ``open_cycle_number``: its cycle under way, or None.

    Only the newest can be open (``services.cycle_start``); asked in the same query.
    """
    under_way = Cycle.objects.filter(inquiry=OuterRef("pk"), closed_on__isnull=True)
    return inquiries.annotate(open_cycle_number=Subquery(under_way.values("number")[:1]))


def attach_comments(*, inquiry: Inquiry, cycles) -> list:
    """Give each entry on the page its comments, with their replies, in one query.

    Sets two attributes, which the comment templates read:
    - ``entry.comment_thread``: the entry's top-level comments, oldest first;
    - ``comment.thread_replies``: a top-level comment's replies, oldest first.

    Returns the inquiry's own comments (on no entry), each with ``thread_replies``.
    Reads only what the caller already may see: the inquiry was fetched through
    ``visible_to``.
    """
    entries = [entry for cycle in cycles for entry in cycle.entries.all()]
    comments = list(
        Comment.objects.filter(inquiry=inquiry)
        .filter(Q(entry__isnull=True) | Q(entry__in=[e.pk for e in entries]))
        .select_related("author")
        .order_by("created_at", "pk")
    )
    replies_to = {}
    for comment in comments:
        replies_to.setdefault(comment.parent_id, []).append(comment)
    for comment in comments:
        comment.thread_replies = replies_to.get(comment.pk, [])
    top_level = replies_to.get(None, [])
    for entry in entries:
        entry.comment_thread = [c for c in top_level if c.entry_id == entry.pk]
    return [c for c in top_level if c.entry_id is None]


def notifications_page(*, user, page_number):
    """One page of a person's notifications, newest first, for /me/notifications/.

    Each one gets ``summary``, the line that shows it (``notifications.summary_html``):
    for one its reader may no longer see, a line that names nothing.
    """
    notifications_sent = (
        Notification.objects.addressed_to(user)
        .with_still_visible(user)
        .select_related(*notifications.LINE_RELATED)
        .prefetch_related("subject")
    )
    page = Paginator(notifications_sent, NOTIFICATIONS_PER_PAGE).get_page(page_number)
    page.object_list = list(page.object_list)
    for notification in page.object_list:
        notification.summary = notifications.summary_html(
            notification, visible=notification.still_visible
        )
    return page


def notification_destination(*, notification: Notification, user) -> str:
    """Where opening a notification leads: its inquiry's page that shows the entry or
    comment it is about. A page number is given only for what ``user`` may still see;
    the rest lead to the inquiry's address, which answers 404 like anything hidden.
    """
    if notification.subject_id is not None and notification.subject is not None:
        return notification.subject.get_absolute_url()  # its own page decides who may see it
    url = reverse("inquiries:detail", args=[notification.inquiry_id])
    entry_id = notification.entry_id or (notification.comment and notification.comment.entry_id)
    cycle = Cycle.objects.visible_to(user).filter(entries=entry_id).first() if entry_id else None
    if cycle is not None:
        newest = Cycle.objects.filter(inquiry=cycle.inquiry_id).aggregate(n=Max("number"))["n"]
        page = (newest - cycle.number) // CYCLES_PER_PAGE + 1
        if page > 1:
            url += f"?page={page}"
    return url + notification.anchor


START_PAGE_ITEMS = 5


def open_cycles_of(*, user):
    """My open cycles in active inquiries, the most recently active first (the start page),
    with the entries their next step reads (``steps.suggested_step``)."""
    return (
        Cycle.objects.filter(
            inquiry__owner=user, inquiry__status=InquiryStatus.ACTIVE, closed_on__isnull=True
        )
        # Only where they may still write (``permissions.may_write``): an open cohort they are in.
        .exclude(inquiry__cohort__status=CohortStatus.CLOSED)
        .filter(inquiry__cohort__memberships__user=user)
        .select_related("inquiry")
        .prefetch_related("entries")
        .order_by("-inquiry__last_activity_at", "-pk")[:START_PAGE_ITEMS]
    )


def unread_notifications_of(*, user):
    """My unread notifications that I may still see, newest first, each with its line."""
    unread = list(
        Notification.objects.visible_to(user)
        .unread()
        .select_related(*notifications.LINE_RELATED)
        .prefetch_related("subject")[:START_PAGE_ITEMS]
    )
    for notification in unread:
        notification.summary = notifications.summary_html(notification, visible=True)
    return unread
