"""A friendly reminder to write a weeknote, for participants who have gone quiet.

Sent by the daily round (``manage.py send_digests``) before the digests, so that those
who chose a daily digest find it there. Who gets one (docs/weeknotes.md, "Reminders"):
an active participant of an active cohort, a member there for a fortnight with an
inquiry in it, who has submitted or published no weeknote for a fortnight, was not
reminded in the last fortnight and has not turned reminders off.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from cohorts.models import CohortStatus, Membership, Role
from inquiries.models import Inquiry, NotificationKind
from inquiries.notifications import notify

from ..models import WeeknotePage
from .models import WeeknoteDraft, WeeknoteReminder

QUIET_FOR = datetime.timedelta(days=14)


def _inquiries_to_remind_of(since: datetime.datetime):
    """Inquiries in an active cohort whose owner has been a participant there since ``since``."""
    settled = Membership.objects.filter(
        user=OuterRef("owner"),
        cohort=OuterRef("cohort"),
        role=Role.PARTICIPANT,
        joined_at__lte=since,
    )
    return Inquiry.objects.filter(cohort__status=CohortStatus.ACTIVE).filter(Exists(settled))


def due_reminders(*, now: datetime.datetime):
    """The people a reminder is due to at ``now``."""
    since = now - QUIET_FOR
    shared = WeeknoteDraft.objects.filter(owner=OuterRef("pk")).filter(
        Q(submitted_at__gt=since) | Q(published_at__gt=since)
    )
    published = WeeknotePage.objects.filter(
        authors__user=OuterRef("pk"), first_published_at__gt=since
    )
    reminded = WeeknoteReminder.objects.filter(recipient=OuterRef("pk"), sent_at__gt=since)
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Exists(_inquiries_to_remind_of(since).filter(owner=OuterRef("pk"))))
        .exclude(Exists(shared))
        .exclude(Exists(published))
        .exclude(Exists(reminded))
        .exclude(notification_settings__weeknote_reminders=False)
    )


def send_reminders(*, now: datetime.datetime | None = None) -> int:
    """Remind each person due one, in the app and by email as they chose; return how many.

    The notification is about their most recently active inquiry among those that
    qualify; it opens their weeknotes (``WeeknoteReminder.get_absolute_url``).
    """
    now = now or timezone.now()
    since = now - QUIET_FOR
    sent = 0
    for person in due_reminders(now=now).order_by("pk"):
        with transaction.atomic():
            # Two runs at once: the second waits here, then finds the first one's reminder.
            get_user_model().objects.select_for_update().filter(pk=person.pk).first()
            if not due_reminders(now=now).filter(pk=person.pk).exists():
                continue
            inquiry = (
                _inquiries_to_remind_of(since)
                .filter(owner=person)
                .order_by("-last_activity_at", "-pk")
                .first()
            )
            reminder = WeeknoteReminder.objects.create(recipient=person, sent_at=now)
            notify(
                recipients={person: NotificationKind.REMINDER},
                actor=None,
                inquiry=inquiry,
                subject=reminder,
            )
        sent += 1
    return sent
