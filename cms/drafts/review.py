"""What happens to a draft when editors act on its weeknote in the Wagtail admin.

Wagtail's signals tell us; the draft's state and its owner's notifications follow.
Connected in ``CmsConfig.ready``.
"""

from django.db.models.signals import pre_delete
from django.utils import timezone
from wagtail.models import WorkflowState
from wagtail.signals import (
    page_published,
    page_unpublished,
    task_submitted,
    workflow_cancelled,
    workflow_rejected,
)

from inquiries.models import NotificationKind
from inquiries.notifications import notify

from ..models import WeeknotePage
from . import services
from .models import DraftState, WeeknoteDraft


def _draft_of(page_id) -> WeeknoteDraft | None:
    # Only pages have this workflow (no snippet does), so the id is a page's.
    return WeeknoteDraft.objects.select_related("inquiry", "owner").filter(page_id=page_id).first()


def changes_asked(sender, instance, user=None, **kwargs):
    """An editor chose "Request changes": the owner reads the comment on /me/weeknotes/."""
    draft = _draft_of(instance.object_id)
    if draft is None:
        return
    draft.state = DraftState.CHANGES_REQUESTED
    draft.review_comment = instance.current_task_state.get_comment()
    draft.save(update_fields=["state", "review_comment"])
    notify(
        recipients={draft.owner: NotificationKind.CHANGES_ASKED},
        actor=user,
        inquiry=draft.inquiry,
        subject=draft,
    )


def published(sender, instance, revision=None, **kwargs):
    """The weeknote went live (approved, or published by an editor)."""
    draft = _draft_of(instance.pk)
    if draft is None or draft.state == DraftState.PUBLISHED:
        return
    draft.state = DraftState.PUBLISHED
    draft.published_at = timezone.now()
    draft.review_comment = ""
    draft.save(update_fields=["state", "published_at", "review_comment"])
    notify(
        recipients={draft.owner: NotificationKind.PUBLISHED},
        actor=_approver(instance),
        inquiry=draft.inquiry,
        subject=draft,
    )


def _approver(page):
    """Who approved the review that just published ``page`` (None if it was published
    directly, without one)."""
    review = (
        page.workflow_states.select_related("current_task_state__finished_by")
        .order_by("-created_at", "-pk")
        .first()
    )
    if review is None or review.status != WorkflowState.STATUS_APPROVED:
        return None
    task_state = review.current_task_state
    if task_state is None or task_state.revision_id != page.live_revision_id:
        return None  # that review approved an earlier version: this one went live directly
    return task_state.finished_by


def unpublished(sender, instance, **kwargs):
    """Editors took it down (at the owner's request or their own)."""
    WeeknoteDraft.objects.filter(page_id=instance.pk).update(
        state=DraftState.UNPUBLISHED, unpublish_requested_at=None
    )


IN_REVIEW = (DraftState.SUBMITTED, DraftState.CHANGES_REQUESTED)


def review_cancelled(sender, instance, user=None, **kwargs):
    """An editor cancelled the review in the admin. (When the writer withdraws, the draft
    is settled before the cancel, and nothing is left to do here.)"""
    draft = _draft_of(instance.object_id)
    if draft is not None and draft.state in IN_REVIEW:
        services.end_review(draft, user=user, cancel=False)


def review_resumed(sender, instance, user=None, **kwargs):
    """Sent back for review, by its writer or by an editor from the admin: no longer
    waiting for its writer's changes."""
    WeeknoteDraft.objects.filter(
        page_id=instance.workflow_state.object_id, state=DraftState.CHANGES_REQUESTED
    ).update(state=DraftState.SUBMITTED, review_comment="")


def page_deleted(sender, instance, **kwargs):
    """An editor deleted the weeknote page: its draft is its writer's again."""
    WeeknoteDraft.objects.filter(page_id=instance.pk).update(
        page=None, state=DraftState.DRAFT, review_comment="", unpublish_requested_at=None
    )


def draft_deleted(sender, instance, **kwargs):
    """A draft deleted with its inquiry or account leaves no review behind it."""
    if instance.state in IN_REVIEW and instance.page_id is not None:
        services.end_review(instance)


def connect() -> None:
    workflow_rejected.connect(changes_asked, dispatch_uid="cms.drafts.changes_asked")
    workflow_cancelled.connect(review_cancelled, dispatch_uid="cms.drafts.review_cancelled")
    task_submitted.connect(review_resumed, dispatch_uid="cms.drafts.review_resumed")
    page_published.connect(published, dispatch_uid="cms.drafts.published")
    page_unpublished.connect(unpublished, dispatch_uid="cms.drafts.unpublished")
    pre_delete.connect(page_deleted, sender=WeeknotePage, dispatch_uid="cms.drafts.page_deleted")
    pre_delete.connect(draft_deleted, sender=WeeknoteDraft, dispatch_uid="cms.drafts.draft_deleted")
