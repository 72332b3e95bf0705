"""Every write to inquiries, cycles and entries. Views call these, nothing else writes.

Each service checks who may write (``Inquiry.objects.writable_by``), validates
with ``full_clean()`` and runs in one transaction.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cohorts.models import Cohort, CohortStatus, Membership, Organisation
from kernel.text import render_markdown

from . import notifications
from .models import BODY_MAX_LENGTH, Comment, Cycle, Entry, EntryRevision, Inquiry, Phase


class ReadOnly(PermissionDenied):
    """The inquiry is readable, but nothing new may be written to it."""

    def __init__(self, message, inquiry=None):
        super().__init__(message)
        self.inquiry = inquiry


class EditConflict(Exception):
    """Someone saved the entry since the form was opened."""

    def __init__(self, current: Entry):
        super().__init__("entry changed since it was opened")
        self.current = current


def check_writable(*, inquiry: Inquiry, user) -> None:
    """Raise ReadOnly, saying why, unless this person may write in this inquiry now."""
    if not Inquiry.objects.writable_by(user).filter(pk=inquiry.pk).exists():
        if inquiry.owner_id != user.pk:
            message = _("Only the person whose inquiry this is can write in it.")
        elif inquiry.cohort.is_closed:
            message = _("This cohort is closed: everything stays readable, nothing new.")
        else:
            message = _("You are no longer in this cohort: your inquiry is yours to read.")
        raise ReadOnly(message, inquiry=inquiry)


def _touch(inquiry: Inquiry) -> None:
    now = timezone.now()
    Inquiry.objects.filter(pk=inquiry.pk).update(last_activity_at=now)
    inquiry.last_activity_at = now


def cohort_organisations(*, cohort: Cohort):
    """The organisations of a cohort's members, which entries may tag."""
    return Organisation.objects.filter(memberships__cohort=cohort).distinct().order_by("name")


@transaction.atomic
def inquiry_create(
    *, owner, cohort: Cohort, title: str, question: str, why_it_matters: str = "", visibility=None
) -> Inquiry:
    if not Membership.objects.filter(user=owner, cohort=cohort).exists():
        raise ValidationError({"cohort": _("Start an inquiry only in a cohort you belong to.")})
    if cohort.status == CohortStatus.CLOSED:
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
    inquiry.full_clean()
    inquiry.save()
    return inquiry


@transaction.atomic
def inquiry_update(
    *, inquiry: Inquiry, user, title: str, question: str, why_it_matters: str, status: str
) -> Inquiry:
    check_writable(inquiry=inquiry, user=user)
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
    """The owner may change who sees their inquiry at any time, closed cohort or not."""
    if inquiry.owner_id != user.pk:
        raise ReadOnly(_("Only the person whose inquiry this is can change who sees it."))
    inquiry.visibility = visibility
    inquiry.full_clean()
    inquiry.save(update_fields=["visibility"])
    return inquiry


@transaction.atomic
def cycle_start(*, inquiry: Inquiry, user, intention: str) -> Cycle:
    check_writable(inquiry=inquiry, user=user)
    # Lock the inquiry row so two starts cannot take the same number.
    Inquiry.objects.select_for_update().filter(pk=inquiry.pk).first()
    latest = inquiry.cycles.order_by("-number").first()
    if latest and not latest.is_closed:
        raise ValidationError(
            _("Close cycle %(number)s before you start the next one.") % {"number": latest.number}
        )
    cycle = Cycle(inquiry=inquiry, number=(latest.number + 1) if latest else 1, intention=intention)
    cycle.full_clean()
    cycle.save()
    _touch(inquiry)
    return cycle


@transaction.atomic
def cycle_set_phase(*, cycle: Cycle, user, phase: str) -> Cycle:
    check_writable(inquiry=cycle.inquiry, user=user)
    if cycle.is_closed:
        raise ValidationError(_("This cycle is closed."))
    cycle.phase = phase
    cycle.full_clean()
    cycle.save(update_fields=["phase"])
    _touch(cycle.inquiry)
    return cycle


@transaction.atomic
def cycle_close(
    *, cycle: Cycle, user, learned: str, next_step: str, closed_on: datetime.date | None = None
) -> Cycle:
    check_writable(inquiry=cycle.inquiry, user=user)
    if cycle.is_closed:
        raise ValidationError(_("This cycle is already closed."))
    cycle.learned = learned
    cycle.next_step = next_step
    cycle.phase = Phase.REFLECT
    cycle.closed_on = closed_on or max(timezone.localdate(), cycle.started_on)
    cycle.full_clean()
    cycle.save()
    _touch(cycle.inquiry)
    return cycle


def _check_body(body: str, limit: int = BODY_MAX_LENGTH) -> None:
    # TextField.max_length is enforced only by forms: services check it themselves.
    if not body or not body.strip():
        raise ValidationError({"body": _("Write something before you save.")})
    if len(body) > limit:
        raise ValidationError({"body": _("Keep it under %(limit)s characters.") % {"limit": limit}})


def _check_organisations(*, cycle: Cycle, organisations) -> list:
    organisations = list(organisations or [])
    allowed = set(cohort_organisations(cohort=cycle.inquiry.cohort).values_list("pk", flat=True))
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
) -> Entry:
    check_writable(inquiry=cycle.inquiry, user=user)
    if cycle.is_closed:
        raise ValidationError(_("This cycle is closed: start a new one to write more."))
    _check_body(body)
    organisations = _check_organisations(cycle=cycle, organisations=organisations)
    entry = Entry(
        cycle=cycle,
        kind=kind,
        body=body,
        body_html=render_markdown(body),
        with_whom=with_whom,
        occurred_on=occurred_on or timezone.localdate(),
    )
    entry.full_clean()
    entry.save()
    entry.organisations.set(organisations)
    _touch(cycle.inquiry)
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
    check_writable(inquiry=inquiry, user=user)
    _check_body(body)
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
    _touch(inquiry)
    return current


# Comments (issue 5). Whoever sees an inquiry may comment on it and reply, while
# they are in its cohort and the cohort is open. Authors edit and remove their own.


def _check_commentable(*, inquiry: Inquiry, user) -> None:
    if not Inquiry.objects.commentable_by(user).filter(pk=inquiry.pk).exists():
        if inquiry.cohort.is_closed:
            message = _("This cohort is closed: everything stays readable, nothing new.")
        else:
            message = _("You can no longer comment here.")
        raise ReadOnly(message, inquiry=inquiry)


def _check_comment_body(body: str) -> None:
    if not body or not body.strip():
        raise ValidationError({"body": _("Write something before you send it.")})
    _check_body(body, limit=BODY_MAX_LENGTH // 2)


@transaction.atomic
def comment_create(*, inquiry: Inquiry, author, body: str, entry=None, parent=None) -> Comment:
    _check_commentable(inquiry=inquiry, user=author)
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
    )
    comment.full_clean()
    comment.save()
    _touch(inquiry)
    notifications.on_comment(comment)
    return comment


def check_comment_author(*, comment: Comment, user) -> None:
    _check_commentable(inquiry=comment.inquiry, user=user)
    if comment.author_id != user.pk or comment.is_removed:
        raise ReadOnly(_("Only its author can change a comment."), inquiry=comment.inquiry)


@transaction.atomic
def comment_update(*, comment: Comment, user, body: str) -> Comment:
    check_comment_author(comment=comment, user=user)
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
    check_comment_author(comment=comment, user=user)
    comment.body = ""
    comment.body_html = ""
    comment.removed_at = timezone.now()
    comment.save(update_fields=["body", "body_html", "removed_at"])
    return comment
