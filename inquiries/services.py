"""Every write to inquiries, cycles, entries, comments and notifications. Views call
these; nothing else writes.

A write in an inquiry asks ``permissions`` whether this person may (and raises
its ``ReadOnly``, with the reason, if not); each service validates with
``full_clean()`` and runs in one transaction.
"""

import datetime
import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cohorts.models import Cohort, Membership
from kernel.submissions import save_once, sent_before
from kernel.text import render_markdown

from . import notifications, permissions, selectors
from .forms import REFLECTION_PROMPTS
from .models import (
    BODY_MAX_LENGTH,
    Comment,
    Cycle,
    Entry,
    EntryKind,
    EntryRevision,
    Inquiry,
    Notification,
    NotificationSettings,
    Phase,
)


class EditConflict(Exception):
    """Someone saved the entry since the form was opened."""

    def __init__(self, current: Entry):
        super().__init__("entry changed since it was opened")
        self.current = current


def _record_activity(inquiry: Inquiry) -> None:
    """Something was written in the inquiry: it moves to the top of the lists."""
    now = timezone.now()
    Inquiry.objects.filter(pk=inquiry.pk).update(last_activity_at=now)
    inquiry.last_activity_at = now


@transaction.atomic
def inquiry_create(
    *,
    owner,
    cohort: Cohort,
    title: str,
    question: str,
    why_it_matters: str = "",
    visibility=None,
    submission_key: uuid.UUID | None = None,
) -> Inquiry:
    """A new inquiry; the same form sent again makes no second one (as entries)."""
    mine = Inquiry.objects.filter(owner=owner)
    if earlier := sent_before(mine, submission_key):
        return earlier
    if not Membership.objects.filter(user=owner, cohort=cohort).exists():
        raise ValidationError({"cohort": _("Start an inquiry only in a cohort you belong to.")})
    if cohort.is_closed:
        raise ValidationError({"cohort": _("This cohort is closed: nothing new can start in it.")})
    inquiry = Inquiry(
        owner=owner,
        cohort=cohort,
        title=title,
        question=question,
        why_it_matters=why_it_matters,
    )
    if visibility:
        inquiry.visibility = visibility
    inquiry.submission_key = submission_key
    inquiry.full_clean(exclude=["submission_key"])
    return save_once(inquiry, mine) or inquiry


@transaction.atomic
def inquiry_update(
    *, inquiry: Inquiry, user, title: str, question: str, why_it_matters: str, status: str
) -> Inquiry:
    permissions.may_write(inquiry=inquiry, user=user).enforce()
    inquiry.title = title
    inquiry.question = question
    inquiry.why_it_matters = why_it_matters
    inquiry.status = status
    inquiry.last_activity_at = timezone.now()
    inquiry.full_clean()
    inquiry.save()
    return inquiry


@transaction.atomic
def inquiry_set_visibility(*, inquiry: Inquiry, user, visibility: str) -> Inquiry:
    permissions.may_change_visibility(inquiry=inquiry, user=user).enforce()
    inquiry.visibility = visibility
    inquiry.full_clean()
    inquiry.save(update_fields=["visibility"])
    return inquiry


@transaction.atomic
def cycle_start(
    *,
    inquiry: Inquiry,
    user,
    intention: str,
    started_on: datetime.date | None = None,
    submission_key: uuid.UUID | None = None,
) -> Cycle:
    """The next cycle, numbered after the last one, which must be closed. The same form
    sent again starts no second cycle: the first is returned (as entries).

    ``started_on`` is today unless given: a cycle begun before it was written down.
    """
    permissions.may_write(inquiry=inquiry, user=user).enforce()
    mine = inquiry.cycles.all()  # only the owner writes in an inquiry
    if earlier := sent_before(mine, submission_key):
        return earlier
    # Lock the inquiry row so two starts cannot take the same number.
    Inquiry.objects.select_for_update().filter(pk=inquiry.pk).first()
    latest = inquiry.cycles.order_by("-number").first()
    if latest and not latest.is_closed:
        if submission_key and latest.submission_key == submission_key:
            # The same form sent twice at once: both looked before either saved, and this
            # one waited for the lock while the other started the cycle.
            return latest
        raise ValidationError(
            _("Close cycle %(number)s before you start the next one.") % {"number": latest.number}
        )
    cycle = Cycle(
        inquiry=inquiry,
        number=(latest.number + 1) if latest else 1,
        intention=intention,
        started_on=started_on or timezone.localdate(),
        submission_key=submission_key,
    )
    cycle.full_clean(exclude=["submission_key"])  # its uniqueness is save_once's to decide
    if earlier := save_once(cycle, mine):
        return earlier
    _record_activity(inquiry)
    return cycle


@transaction.atomic
def cycle_set_phase(*, cycle: Cycle, user, phase: str) -> Cycle:
    permissions.may_write(inquiry=cycle.inquiry, user=user).enforce()
    if cycle.is_closed:
        raise ValidationError(_("This cycle is closed."))
    cycle.phase = phase
    cycle.full_clean()
    cycle.save(update_fields=["phase"])
    _record_activity(cycle.inquiry)
    return cycle


@transaction.atomic
def cycle_close(
    *, cycle: Cycle, user, learned: str, next_step: str, closed_on: datetime.date | None = None
) -> Cycle:
    permissions.may_write(inquiry=cycle.inquiry, user=user).enforce()
    if cycle.is_closed:
        raise ValidationError(_("This cycle is already closed."))
    cycle.learned = learned
    cycle.next_step = next_step
    cycle.phase = Phase.REFLECT
    cycle.closed_on = closed_on or max(timezone.localdate(), cycle.started_on)
    cycle.full_clean()
    cycle.save()
    _record_activity(cycle.inquiry)
    return cycle


def _check_body(body: str, limit: int = BODY_MAX_LENGTH) -> None:
    # TextField.max_length is enforced only by forms: services check it themselves.
    if not body or not body.strip():
        raise ValidationError({"body": _("Write something before you save.")})
    if len(body) > limit:
        raise ValidationError({"body": _("Keep it under %(limit)s characters.") % {"limit": limit}})


def _check_reflection_written(kind: str, body: str) -> None:
    """A reflection must say something beyond the prompts' headings it starts with."""
    if kind != EntryKind.REFLECTION:
        return
    headings = {line.strip() for line in str(REFLECTION_PROMPTS).splitlines()}  # "" too
    if all(line.strip() in headings for line in body.splitlines()):
        raise ValidationError(
            {
                "body": _(
                    "Write your reflection under the headings: so far there are only the "
                    "headings. Nothing was saved; your text is still here."
                )
            }
        )


def _check_organisations(*, cycle: Cycle, organisations) -> list:
    organisations = list(organisations or [])
    allowed = set(
        selectors.cohort_organisations(cohort=cycle.inquiry.cohort).values_list("pk", flat=True)
    )
    if any(o.pk not in allowed for o in organisations):
        raise ValidationError(_("Tag only organisations of your cohort."))
    return organisations


@transaction.atomic
def entry_create(
    *,
    cycle: Cycle,
    user,
    kind: str,
    body: str,
    occurred_on: datetime.date | None = None,
    with_whom: str = "",
    organisations=(),
    submission_key: uuid.UUID | None = None,
) -> Entry:
    """A new entry. The same form sent again (same ``submission_key``) makes no second one:
    the first is returned, and nobody is told twice."""
    permissions.may_write(inquiry=cycle.inquiry, user=user).enforce()
    mine = Entry.objects.filter(cycle__inquiry__owner=user)
    if earlier := sent_before(mine, submission_key):
        return earlier
    if cycle.is_closed:
        raise ValidationError(_("This cycle is closed: start a new one to write more."))
    _check_body(body)
    _check_reflection_written(kind, body)
    organisations = _check_organisations(cycle=cycle, organisations=organisations)
    entry = Entry(
        cycle=cycle,
        kind=kind,
        body=body,
        body_html=render_markdown(body),
        with_whom=with_whom,
        occurred_on=occurred_on or timezone.localdate(),
        submission_key=submission_key,
    )
    entry.full_clean(exclude=["submission_key"])  # its uniqueness is save_once's to decide
    if earlier := save_once(entry, mine):
        return earlier
    entry.organisations.set(organisations)
    _record_activity(cycle.inquiry)
    notifications.on_entry(entry)
    return entry


@transaction.atomic
def entry_update(
    *,
    entry: Entry,
    user,
    body: str,
    expected_version: int,
    occurred_on: datetime.date | None = None,
    with_whom: str | None = None,
    organisations=None,
) -> Entry:
    """Replace an entry's text, keeping the old one as a revision.

    ``expected_version`` is the version the editor started from: if someone
    saved since, nothing is written and ``EditConflict`` carries the current text.
    """
    inquiry = entry.cycle.inquiry
    permissions.may_write(inquiry=inquiry, user=user).enforce()
    _check_body(body)
    _check_reflection_written(entry.kind, body)
    current = Entry.objects.select_for_update().get(pk=entry.pk)
    if current.version != expected_version:
        raise EditConflict(current)
    EntryRevision.objects.create(
        entry=current,
        version=current.version,
        body=current.body,
        body_html=current.body_html,
        saved_at=current.updated_at,
    )
    current.body = body
    current.body_html = render_markdown(body)
    if occurred_on is not None:
        current.occurred_on = occurred_on
    if with_whom is not None:
        current.with_whom = with_whom
    current.version += 1
    current.updated_at = timezone.now()
    current.full_clean()
    current.save()
    if organisations is not None:
        current.organisations.set(
            _check_organisations(cycle=entry.cycle, organisations=organisations)
        )
    _record_activity(inquiry)
    return current


# Comments: who may write them is ``permissions.may_comment`` and ``may_change_comment``.


def _check_comment_body(body: str) -> None:
    if not body or not body.strip():
        raise ValidationError({"body": _("Write something before you send it.")})
    _check_body(body, limit=BODY_MAX_LENGTH // 2)


@transaction.atomic
def comment_create(
    *,
    inquiry: Inquiry,
    author,
    body: str,
    entry=None,
    parent=None,
    submission_key: uuid.UUID | None = None,
) -> Comment:
    """A new comment or reply; the same form sent again makes no second one (as entries)."""
    permissions.may_comment(inquiry=inquiry, user=author).enforce()
    mine = Comment.objects.filter(author=author)
    if earlier := sent_before(mine, submission_key):
        return earlier
    _check_comment_body(body)
    if entry is not None and entry.cycle.inquiry_id != inquiry.pk:
        raise ValidationError(_("That entry is not part of this inquiry."))
    if parent is not None:
        if parent.inquiry_id != inquiry.pk:
            raise ValidationError(_("That comment is not part of this inquiry."))
        # One level of replies: a reply to a reply answers the comment it belongs to.
        if parent.parent_id is not None:
            parent = parent.parent
        entry = parent.entry
    comment = Comment(
        inquiry=inquiry,
        entry=entry,
        parent=parent,
        author=author,
        body=body,
        body_html=render_markdown(body),
        submission_key=submission_key,
    )
    comment.full_clean(exclude=["submission_key"])
    if earlier := save_once(comment, mine):
        return earlier
    _record_activity(inquiry)
    notifications.on_comment(comment)
    return comment


@transaction.atomic
def comment_update(*, comment: Comment, user, body: str) -> Comment:
    permissions.may_change_comment(comment=comment, user=user).enforce()
    _check_comment_body(body)
    comment.body = body
    comment.body_html = render_markdown(body)
    comment.edited_at = timezone.now()
    comment.full_clean()
    comment.save()
    return comment


@transaction.atomic
def comment_remove(*, comment: Comment, user) -> Comment:
    """The comment shows as removed; its text is gone, its replies stay."""
    permissions.may_change_comment(comment=comment, user=user).enforce()
    comments_show_as_removed(Comment.objects.filter(pk=comment.pk))
    comment.refresh_from_db(fields=["body", "body_html", "removed_at"])
    return comment


def comments_show_as_removed(comments) -> int:
    """Their text goes; each stays in its thread as "removed", so replies keep their place."""
    return comments.update(body="", body_html="", removed_at=timezone.now())


# Notifications: made by ``notifications`` as comments and entries are written.


def notification_mark_read(*, notification: Notification, user) -> Notification:
    """Its recipient opened it. Opening it again changes nothing."""
    if notification.recipient_id != user.pk:
        raise PermissionDenied(_("Only its recipient can open a notification."))
    if notification.read_at is None:
        now = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=now)
        notification.read_at = now
    return notification


def notifications_mark_all_read(*, user) -> int:
    """Every unread notification sent to this person, and only to them, is read now."""
    return Notification.objects.addressed_to(user).unread().update(read_at=timezone.now())


@transaction.atomic
def notification_settings_update(
    *, user, email: str, weeknote_reminders: bool
) -> NotificationSettings:
    """Which emails this person gets about their notifications (``EmailChoice``), and
    whether they are reminded to write a weeknote."""
    settings_row, _created = NotificationSettings.objects.get_or_create(user=user)
    settings_row.email = email
    settings_row.weeknote_reminders = weeknote_reminders
    settings_row.full_clean()
    settings_row.save(update_fields=["email", "weeknote_reminders"])
    return settings_row
