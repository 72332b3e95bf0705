"""Inquiries' part of a person's export (the protocol: accounts/personal_data.py).

Their inquiries with every cycle, entry and earlier version, and their comments. Around a
comment on someone else's inquiry goes only what the visibility rule still lets them read
(``Inquiry.objects.visible_to``): a comment on an inquiry they can no longer see is
exported alone. Rows are read in batches, so the queries do not grow with the entries.
"""

from django.db.models import Exists, OuterRef

from accounts.personal_data import safe_name, stamp
from kernel.references import delete_with_references

from .models import (
    Comment,
    Cycle,
    Entry,
    EntryRevision,
    Inquiry,
    Notification,
    NotificationSettings,
)
from .services import comments_show_as_removed

BATCH = 200


def _inquiries(user):
    return Inquiry.objects.filter(owner=user).select_related("cohort").order_by("pk")


def _entries(user):
    return (
        Entry.objects.filter(cycle__inquiry__owner=user)
        .select_related("cycle")
        .prefetch_related("organisations")
    )


def _comments(user):
    return (
        Comment.objects.filter(author=user)
        .select_related("inquiry__owner", "entry", "parent__author")
        .order_by("inquiry_id", "created_at", "pk")
    )


def _visible_inquiry_ids(user) -> set[int]:
    return set(Inquiry.objects.visible_to(user).values_list("pk", flat=True))


def sections(user):
    yield "inquiries", (_inquiry_record(inquiry) for inquiry in _inquiries(user).iterator(BATCH))
    cycles = Cycle.objects.filter(inquiry__owner=user).order_by("inquiry_id", "number")
    yield "cycles", (_cycle_record(cycle) for cycle in cycles.iterator(BATCH))
    entries = _entries(user).order_by("pk")
    yield "entries", (_entry_record(entry) for entry in entries.iterator(BATCH))
    revisions = EntryRevision.objects.filter(entry__cycle__inquiry__owner=user).order_by(
        "entry_id", "version"
    )
    yield "entry_revisions", (_revision_record(rev) for rev in revisions.iterator(BATCH))
    yield "comments", _comment_records(user)
    chosen = NotificationSettings.objects.filter(user=user)
    yield (
        "notification_settings",
        ({"email": row.email, "weeknote_reminders": row.weeknote_reminders} for row in chosen),
    )


def _inquiry_record(inquiry):
    return {
        "id": inquiry.pk,
        "cohort": inquiry.cohort.name,
        "title": inquiry.title,
        "question": inquiry.question,
        "why_it_matters": inquiry.why_it_matters,
        "visibility": inquiry.visibility,
        "status": inquiry.status,
        "created_at": stamp(inquiry.created_at),
        "last_activity_at": stamp(inquiry.last_activity_at),
    }


def _cycle_record(cycle):
    return {
        "id": cycle.pk,
        "inquiry_id": cycle.inquiry_id,
        "number": cycle.number,
        "intention": cycle.intention,
        "phase": cycle.phase,
        "started_on": stamp(cycle.started_on),
        "closed_on": stamp(cycle.closed_on),
        "learned": cycle.learned,
        "next_step": cycle.next_step,
    }


def _entry_record(entry):
    return {
        "id": entry.pk,
        "inquiry_id": entry.cycle.inquiry_id,
        "cycle_id": entry.cycle_id,
        "kind": entry.kind,
        "occurred_on": stamp(entry.occurred_on),
        "with_whom": entry.with_whom,
        "organisations": [organisation.name for organisation in entry.organisations.all()],
        "body": entry.body,
        "version": entry.version,
        "created_at": stamp(entry.created_at),
        "updated_at": stamp(entry.updated_at),
    }


def _revision_record(revision):
    return {
        "entry_id": revision.entry_id,
        "version": revision.version,
        "body": revision.body,
        "saved_at": stamp(revision.saved_at),
    }


def _comment_records(user):
    visible = _visible_inquiry_ids(user)
    for comment in _comments(user).iterator(BATCH):
        yield {
            "id": comment.pk,
            "inquiry_id": comment.inquiry_id,
            "entry_id": comment.entry_id,
            "in_reply_to_id": comment.parent_id,
            "on_my_inquiry": comment.inquiry.owner_id == user.pk,
            "body": comment.body,
            "created_at": stamp(comment.created_at),
            "edited_at": stamp(comment.edited_at),
            "removed_at": stamp(comment.removed_at),
            "context": _context(comment) if comment.inquiry_id in visible else None,
        }


def _context(comment):
    """What the person can still read around their comment."""
    entry, parent = comment.entry, comment.parent
    return {
        "inquiry_title": comment.inquiry.title,
        "inquiry_question": comment.inquiry.question,
        "inquiry_owner": comment.inquiry.owner.public_name,
        "entry": None
        if entry is None
        else {"kind": entry.kind, "occurred_on": stamp(entry.occurred_on), "body": entry.body},
        "in_reply_to": None
        if parent is None
        else {
            "author": parent.author.public_name if parent.author else "",
            "body": parent.body,
            "removed": parent.is_removed,
        },
    }


# --- Readable files ---


def files(user):
    for inquiry in _inquiries(user).iterator(BATCH):
        yield f"inquiries/{safe_name(inquiry.pk, inquiry.title)}.md", _inquiry_markdown(inquiry)
    if Comment.objects.filter(author=user).exists():
        yield "comments.md", _comments_markdown(user)


def _inquiry_markdown(inquiry):
    yield f"# {inquiry.title}\n\n"
    yield f"- Cohort: {inquiry.cohort.name}\n- Shared with: {inquiry.shared_with_label}\n"
    yield f"- Status: {inquiry.get_status_display()}\n- Started: {inquiry.created_at:%Y-%m-%d}\n\n"
    yield f"## My question\n\n{inquiry.question}\n\n"
    if inquiry.why_it_matters:
        yield f"## Why it matters to me\n\n{inquiry.why_it_matters}\n\n"
    cycles = inquiry.cycles.order_by("number")
    entries = (
        Entry.objects.filter(cycle__inquiry=inquiry)
        .select_related("cycle")
        .prefetch_related("organisations", "revisions")
        .order_by("cycle__number", "occurred_on", "created_at", "pk")
        .iterator(BATCH)
    )
    pending = next(entries, None)
    for cycle in cycles:
        yield _cycle_markdown(cycle)
        while pending is not None and pending.cycle_id == cycle.pk:
            yield _entry_markdown(pending)
            pending = next(entries, None)


def _cycle_markdown(cycle):
    lines = [f"## Cycle {cycle.number}\n\n", f"- Phase: {cycle.get_phase_display()}\n"]
    lines.append(f"- Started: {cycle.started_on:%Y-%m-%d}\n")
    if cycle.closed_on:
        lines.append(f"- Closed: {cycle.closed_on:%Y-%m-%d}\n")
    lines.append(f"\n### What I intended to try\n\n{cycle.intention}\n\n")
    if cycle.learned:
        lines.append(f"### What I learned\n\n{cycle.learned}\n\n")
    if cycle.next_step:
        lines.append(f"### What I will try next\n\n{cycle.next_step}\n\n")
    return "".join(lines)


def _entry_markdown(entry):
    lines = [f"### {entry.get_kind_display()}, {entry.occurred_on:%Y-%m-%d}\n\n"]
    if entry.with_whom:
        lines.append(f"With: {entry.with_whom}\n\n")
    names = [organisation.name for organisation in entry.organisations.all()]
    if names:
        lines.append(f"Organisations: {', '.join(names)}\n\n")
    lines.append(f"{entry.body}\n\n")
    for revision in entry.revisions.all():
        lines.append(
            f"#### Earlier version {revision.version}, saved {revision.saved_at:%Y-%m-%d}\n\n"
        )
        lines.append(f"{revision.body}\n\n")
    return "".join(lines)


def _comments_markdown(user):
    yield "# My comments\n\n"
    visible = _visible_inquiry_ids(user)
    for comment in _comments(user).iterator(BATCH):
        yield f"## {comment.created_at:%Y-%m-%d %H:%M}\n\n"
        if comment.inquiry_id in visible:
            context = _context(comment)
            yield f"On the inquiry “{context['inquiry_title']}” by {context['inquiry_owner']}.\n\n"
            if context["entry"]:
                yield f"The entry it is about:\n\n{_quoted(context['entry']['body'])}\n\n"
            if context["in_reply_to"]:
                replied = context["in_reply_to"]
                text = "(removed)" if replied["removed"] else replied["body"]
                yield f"In reply to {replied['author']}:\n\n{_quoted(text)}\n\n"
        else:
            yield "On an inquiry you can no longer see.\n\n"
        yield ("(You removed this comment.)" if comment.is_removed else comment.body) + "\n\n"


def _quoted(text: str) -> str:
    return "\n".join(f"> {line}" if line else ">" for line in text.splitlines())


# --- Deleting the account (accounts/deletion.py) ---


def counts(user):
    yield Inquiry.objects.filter(owner=user)
    yield Cycle.objects.filter(inquiry__owner=user)
    yield Entry.objects.filter(cycle__inquiry__owner=user)
    yield EntryRevision.objects.filter(entry__cycle__inquiry__owner=user)
    yield Comment.objects.filter(author=user)
    yield Notification.objects.filter(recipient=user)


def delete(user, choices) -> None:
    """Their inquiries go, and everything in them, in a few queries however many there
    are. Their comments on others' inquiries go too, except where someone replied: those
    stay in the thread, shown as removed, so the replies still make sense."""
    delete_with_references(Inquiry.objects.filter(owner=user))
    others = Comment.objects.filter(author=user).exclude(inquiry__owner=user)
    leaves = others.exclude(Exists(Comment.objects.filter(parent=OuterRef("pk"))))
    while leaves.exists():  # a reply of theirs goes first, then the comment it answered
        leaves.delete()
    comments_show_as_removed(others)
