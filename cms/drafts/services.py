"""Writing a weeknote draft, submitting it for review, and withdrawing it.

Each function checks who may do it, so no view can forget; the review's own steps
(editors approving or asking for changes in the Wagtail admin) are in ``review.py``.
"""

import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from taggit.models import Tag
from wagtail.models import PageLogEntry, Revision, Workflow, WorkflowState

from inquiries.models import Cycle, Entry, NotificationKind
from inquiries.notifications import notify
from inquiries.permissions import Refusal
from kernel.submissions import save_once, sent_before
from kernel.text import render_markdown

from ..models import WeeknoteAuthor, WeeknoteIndexPage, WeeknotePage
from .emails import tell_editors_of_unpublish_request
from .models import DraftComment, DraftState, WeeknoteDraft
from .selectors import coaches_who_may_read, monday_of

REVIEW_WORKFLOW = "Weeknote review"
TAG_MAX_LENGTH = 100  # taggit's Tag.name


def body_from_entries(entries) -> str:
    """The Markdown a draft starts from: the chosen entries, oldest first, each under a
    heading saying what it was and when."""
    parts = []
    for entry in sorted(entries, key=lambda e: (e.occurred_on, e.pk)):
        heading = _("%(kind)s, %(day)s") % {
            "kind": entry.get_kind_display(),
            "day": entry.occurred_on.strftime("%-d %B %Y"),
        }
        # "#" is the top level people write (kernel/text.py makes it an h3, under the page's h2)
        parts.append(f"# {heading}\n\n{entry.body.strip()}\n")
    return "\n".join(parts)


def _ensure_owner(draft: WeeknoteDraft, user) -> None:
    if draft.owner_id != user.pk:
        raise PermissionDenied(_("Only the person who wrote this draft can change it."))


def _locked(draft: WeeknoteDraft, user) -> WeeknoteDraft:
    """The draft as it is now, locked until the transaction ends: two sends at once (a
    double click, two tabs) see each other's outcome, never one page each."""
    _ensure_owner(draft, user)
    return (
        WeeknoteDraft.objects.select_for_update(of=("self",))
        .select_related("page")
        .get(pk=draft.pk)
    )


@transaction.atomic
def draft_start(
    *, owner, cycle: Cycle, entry_ids, submission_key: uuid.UUID | None = None
) -> WeeknoteDraft:
    """A new draft from one of the owner's cycles, its body made from the entries chosen."""
    mine = WeeknoteDraft.objects.filter(owner=owner)
    if earlier := sent_before(mine, submission_key):
        return earlier
    if cycle.inquiry.owner_id != owner.pk:
        raise PermissionDenied(_("Draft a weeknote only from a cycle of your own."))
    entries = list(Entry.objects.filter(cycle=cycle, pk__in=entry_ids))
    if not entries:
        raise ValidationError({"entries": _("Choose at least one entry to draw on.")})
    draft = WeeknoteDraft(
        owner=owner,
        inquiry=cycle.inquiry,
        cycle=cycle,
        title=cycle.inquiry.title,
        week_of=monday_of(timezone.localdate()),
        summary="",
        body=body_from_entries(entries),
        submission_key=submission_key,
    )
    draft.body_html = render_markdown(draft.body)
    if earlier := save_once(draft, mine):
        return earlier
    draft.entries.set(entries)
    return draft


@transaction.atomic
def draft_update(
    *, draft: WeeknoteDraft, user, title: str, week_of, summary: str, body: str, tags: str
) -> WeeknoteDraft:
    draft = _locked(draft, user)
    if not draft.is_editable:
        raise ValidationError(
            _("An editor is reading this weeknote: withdraw it first to change it.")
        )
    draft.title = title
    draft.week_of = monday_of(week_of)
    draft.summary = summary
    draft.body = body
    draft.body_html = render_markdown(body)
    draft.tags = ", ".join(dict.fromkeys(t.strip() for t in tags.split(",") if t.strip()))
    if any(len(tag) > TAG_MAX_LENGTH for tag in draft.tag_list):
        raise ValidationError(
            {"tags": _("Keep each tag under %(limit)s characters.") % {"limit": TAG_MAX_LENGTH}}
        )
    draft.updated_at = timezone.now()
    draft.full_clean(exclude=["submission_key"])
    draft.save()
    return draft


def _unique_slug(index: WeeknoteIndexPage, title: str) -> str:
    base = slugify(title)[:200] or "weeknote"
    taken = set(index.get_children().values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def _fill_page(page: WeeknotePage, draft: WeeknoteDraft) -> None:
    page.title = draft.title
    page.week_of = draft.week_of
    page.summary = draft.summary
    page.body = [("markdown", draft.body)]
    page.issue = draft.issue
    page.cohort = draft.cohort
    page.tags.set(draft.tag_list)


def _page_for(draft: WeeknoteDraft) -> WeeknotePage:
    """The weeknote page holding the draft: made under the index, not live, the first time."""
    if draft.page is not None:
        return draft.page.get_latest_revision_as_object()
    index = WeeknoteIndexPage.objects.get()
    page = WeeknotePage(slug=_unique_slug(index, draft.title), owner=draft.owner, live=False)
    _fill_page(page, draft)
    page.authors = [WeeknoteAuthor(user=draft.owner)]
    index.add_child(instance=page)
    draft.page = page
    return page


@transaction.atomic
def draft_submit(*, draft: WeeknoteDraft, user) -> WeeknoteDraft:
    """Send the draft to the editors: a new revision of its page, and the review started
    (or resumed, after they asked for changes). Editors hear of it from Wagtail."""
    draft = _locked(draft, user)
    if not draft.can_be_submitted:
        raise ValidationError(_("This weeknote is with the editors already."))
    if not draft.summary.strip():
        # A new draft has none: the one field its owner must add before anyone else reads it.
        raise ValidationError(
            _(
                "Add a summary before you send it: one or two sentences for lists, feeds "
                "and search. Choose “Edit the draft” to write it."
            )
        )
    draft.full_clean(exclude=["submission_key"])
    page = _page_for(draft)
    _fill_page(page, draft)
    page.save_revision(user=user, log_action=True)
    review = page.current_workflow_state
    if review is not None and review.status == WorkflowState.STATUS_NEEDS_CHANGES:
        review.resume(user=user)
    elif review is None:
        # Requested by nobody: Wagtail would send the participant its admin emails.
        Workflow.objects.get(name=REVIEW_WORKFLOW).start(page, user=None)
    draft.state = DraftState.SUBMITTED
    draft.submitted_at = timezone.now()
    draft.review_comment = ""
    draft.save()
    return draft


def state_after_review(page: WeeknotePage | None) -> str:
    """Where a draft stands once a review of its page ends without publishing it."""
    if page is None:
        return DraftState.DRAFT
    return DraftState.PUBLISHED if page.live else DraftState.UNPUBLISHED


def end_review(draft: WeeknoteDraft, *, user=None, cancel: bool = True) -> None:
    """A review ended without publishing (its writer withdrew, an editor cancelled it, or
    the draft is being deleted): nothing the editors were sent stays behind.

    A page that was never live is deleted, with its revisions and review. A page that was
    (a later version sent for review) keeps only what was published before: the revisions
    sent in this review are deleted, so nobody can publish them by mistake. Wagtail's
    history of the page keeps its lines, without the titles only the review saw, and the
    tags only the review made go.
    """
    page = draft.page
    draft.review_comment = ""
    if page is None:
        draft.state = DraftState.DRAFT
        draft.save()
        return
    page = WeeknotePage.objects.get(pk=page.pk)
    review = page.workflow_states.order_by("-created_at", "-pk").first()
    draft.page = page if page.first_published_at else None
    draft.state = state_after_review(draft.page)
    draft.save()  # settled first: the cancel below tells review.py, which then finds it so
    if cancel and (active := page.current_workflow_state):
        active.cancel(user=user)
    if draft.page is None:
        page.delete()
        PageLogEntry.objects.filter(page_id=page.pk).update(label=_("A withdrawn weeknote"))
    elif review is not None:
        _forget_revisions_sent(page, review)
    _forget_unused_tags(draft.tag_list)


def _forget_revisions_sent(page: WeeknotePage, review: WorkflowState) -> None:
    sent = set(review.revisions().values_list("pk", flat=True)) - {page.live_revision_id}
    titles = set(Revision.objects.filter(pk__in=sent).values_list("object_str", flat=True))
    PageLogEntry.objects.filter(page_id=page.pk, label__in=titles - {page.title}).update(
        label=page.title
    )
    kept = (
        Revision.page_revisions.filter(object_id=str(page.pk))
        .exclude(pk__in=sent)
        .order_by("-created_at", "-pk")
        .first()
    )
    WeeknotePage.objects.filter(pk=page.pk).update(
        latest_revision=kept,
        has_unpublished_changes=not page.live,
        draft_title=page.title,
    )
    Revision.objects.filter(pk__in=sent).delete()


def _forget_unused_tags(names) -> None:
    """Wagtail makes a page's tags when a version is saved, published or not."""
    unused = Tag.objects.filter(name__in=names)
    for relation in Tag._meta.related_objects:  # any model's tagging, not only weeknotes'
        unused = unused.filter(**{f"{relation.name}__isnull": True})
    unused.delete()


@transaction.atomic
def draft_withdraw(*, draft: WeeknoteDraft, user) -> WeeknoteDraft:
    """Take the weeknote back from the editors before it is published (``end_review``)."""
    draft = _locked(draft, user)
    if not draft.can_be_withdrawn:
        raise ValidationError(_("Only a weeknote waiting for an editor can be withdrawn."))
    end_review(draft, user=user)
    return draft


@transaction.atomic
def draft_delete(*, draft: WeeknoteDraft, user) -> None:
    """Delete a draft whose weeknote is not public; one in review is withdrawn first."""
    draft = _locked(draft, user)
    if draft.can_be_withdrawn:
        end_review(draft, user=user)
    if draft.page is not None and draft.page.live:
        raise ValidationError(
            _("This weeknote is published: ask the editors to take it down instead.")
        )
    draft.delete()


@transaction.atomic
def request_unpublish(*, draft: WeeknoteDraft, user) -> WeeknoteDraft:
    """Ask editors to take a published weeknote down; they see it in the admin."""
    draft = _locked(draft, user)
    if draft.state != DraftState.PUBLISHED:
        raise ValidationError(_("Only a published weeknote can be taken down."))
    if draft.unpublish_requested_at is None:
        draft.unpublish_requested_at = timezone.now()
        draft.save(update_fields=["unpublish_requested_at"])
        tell_editors_of_unpublish_request(draft)
    return draft


def _check_comment(body: str) -> None:
    if not body or not body.strip():
        raise ValidationError({"body": _("Write something before you send it.")})


@transaction.atomic
def comment_create(
    *, draft: WeeknoteDraft, author, body: str, submission_key: uuid.UUID | None = None
) -> DraftComment:
    """A comment by the owner or a coach who may read the draft. The owner hears of a
    coach's comment; the coaches who commented before hear of what follows."""
    if not WeeknoteDraft.objects.visible_to(author).filter(pk=draft.pk).exists():
        raise PermissionDenied
    if draft.inquiry.cohort.is_closed:
        raise ValidationError(Refusal.COHORT_CLOSED.label)
    mine = DraftComment.objects.filter(author=author)
    if earlier := sent_before(mine, submission_key):
        return earlier
    _check_comment(body)
    comment = DraftComment(
        draft=draft,
        author=author,
        body=body,
        body_html=render_markdown(body),
        submission_key=submission_key,
    )
    comment.full_clean(exclude=["submission_key"])
    if earlier := save_once(comment, mine):
        return earlier
    commented = set(draft.comments.exclude(pk=comment.pk).values_list("author", flat=True))
    earlier_commenters = [c for c in coaches_who_may_read(draft) if c.pk in commented]
    recipients = dict.fromkeys(earlier_commenters, NotificationKind.DRAFT_COMMENT)
    recipients[draft.owner] = NotificationKind.DRAFT_COMMENT
    recipients.pop(author, None)
    notify(recipients=recipients, actor=author, inquiry=draft.inquiry, subject=comment)
    return comment
