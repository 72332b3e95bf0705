"""Every state change of a draft, and who may cause it (issue 10)."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from wagtail.models import Revision, TaskState, WorkflowState

from cms.drafts import services
from cms.drafts.models import DraftState
from cms.models import WeeknotePage
from inquiries.models import Notification, NotificationKind
from tests.cms.drafts.steps import act, fill, review_of

pytestmark = pytest.mark.django_db


def test_a_draft_is_made_from_the_chosen_entries_only(drafting, draft):
    assert "Met the *outreach* team." in draft.body
    assert "Trust takes time." in draft.body
    assert "sergeant" not in draft.body
    assert draft.title == drafting.inquiry.title
    assert draft.week_of.weekday() == 0
    assert draft.state == DraftState.DRAFT
    assert draft.issue == drafting.inquiry.cohort.issue
    assert draft.cohort == drafting.inquiry.cohort


def test_only_the_owner_drafts_from_a_cycle(drafting):
    with pytest.raises(PermissionDenied):
        services.draft_start(
            owner=drafting.coach, cycle=drafting.cycle, entry_ids=[drafting.entries[0].pk]
        )


def test_a_draft_needs_an_entry_of_its_cycle(drafting):
    with pytest.raises(ValidationError):
        services.draft_start(owner=drafting.owner, cycle=drafting.cycle, entry_ids=[])


def test_submitting_makes_a_page_in_review_that_nobody_can_read_yet(drafting, draft, index):
    fill(draft, drafting.owner)
    mail.outbox.clear()
    services.draft_submit(draft=draft, user=drafting.owner)

    draft.refresh_from_db()
    page = draft.page.specific
    assert draft.state == DraftState.SUBMITTED
    assert page.get_parent().pk == index.pk
    assert not page.live
    assert page.owner == drafting.owner
    assert [a.user for a in page.authors.all()] == [drafting.owner]
    revision = page.get_latest_revision_as_object()
    assert revision.title == "What the bus station taught us"
    assert revision.body[0].block_type == "markdown"
    assert "Trust takes time." in revision.body[0].value
    assert sorted(t.name for t in revision.tags.all()) == ["outreach", "trust"]
    assert revision.issue == drafting.inquiry.cohort.issue
    assert review_of(page).status == WorkflowState.STATUS_IN_PROGRESS
    assert review_of(page).workflow.name == "Weeknote review"
    # Both editors are told by email; the participant is not sent Wagtail's admin emails.
    told = {address for message in mail.outbox for address in message.to}
    assert {drafting.editor.email, drafting.second_editor.email} <= told
    assert drafting.owner.email not in told
    assert not WeeknotePage.objects.published().filter(pk=page.pk).exists()


def test_changes_asked_then_resubmitted_then_approved(drafting, draft):
    fill(draft, drafting.owner)
    services.draft_submit(draft=draft, user=drafting.owner)
    draft.refresh_from_db()
    page = draft.page

    act(page, drafting.editor, "reject", comment="Please name the agencies, not the people.")
    draft.refresh_from_db()
    assert draft.state == DraftState.CHANGES_REQUESTED
    assert draft.review_comment == "Please name the agencies, not the people."
    told = Notification.objects.get(recipient=drafting.owner, kind=NotificationKind.CHANGES_ASKED)
    assert told.subject == draft

    fill(draft, drafting.owner, summary="Trust takes time: the outreach team and the police.")
    revisions_before = Revision.page_revisions.filter(object_id=str(page.pk)).count()
    services.draft_submit(draft=draft, user=drafting.owner)
    draft.refresh_from_db()
    assert draft.state == DraftState.SUBMITTED
    assert draft.review_comment == ""
    assert Revision.page_revisions.filter(object_id=str(page.pk)).count() == revisions_before + 1
    assert review_of(page).status == WorkflowState.STATUS_IN_PROGRESS
    assert WorkflowState.objects.filter(object_id=str(page.pk)).count() == 1  # resumed

    act(page, drafting.editor, "approve")
    draft.refresh_from_db()
    page.refresh_from_db()
    assert page.live
    assert page.specific.summary == "Trust takes time: the outreach team and the police."
    assert draft.state == DraftState.PUBLISHED
    published = Notification.objects.get(recipient=drafting.owner, kind=NotificationKind.PUBLISHED)
    assert published.actor == drafting.editor
    assert WeeknotePage.objects.published().filter(pk=page.pk).exists()


def test_an_editor_cannot_approve_a_weeknote_they_wrote(drafting, index):
    from tests.factories import MembershipFactory

    MembershipFactory(user=drafting.editor, cohort=drafting.inquiry.cohort)
    inquiry = drafting.inquiry
    inquiry.owner = drafting.editor
    inquiry.save()
    draft = services.draft_start(
        owner=drafting.editor, cycle=drafting.cycle, entry_ids=[drafting.entries[0].pk]
    )
    fill(draft, drafting.editor)
    services.draft_submit(draft=draft, user=drafting.editor)
    draft.refresh_from_db()
    task = review_of(draft.page).current_task_state.task.specific

    assert task.get_actions(draft.page, drafting.editor) == []
    assert "approve" in [a[0] for a in task.get_actions(draft.page, drafting.second_editor)]
    assert not task.get_task_states_user_can_moderate(drafting.editor).exists()
    with pytest.raises(PermissionDenied):
        act(draft.page, drafting.editor, "approve")
    assert not WeeknotePage.objects.get(pk=draft.page.pk).live
    # Nor can they publish it past the review from the page editor.
    page = WeeknotePage.objects.get(pk=draft.page.pk)
    assert not page.permissions_for_user(drafting.editor).can_publish()
    assert page.permissions_for_user(drafting.second_editor).can_publish()


@pytest.mark.parametrize("asked_for_changes", [False, True])
def test_withdrawing_before_publication_leaves_no_page_and_no_revision(
    drafting, draft, asked_for_changes
):
    fill(draft, drafting.owner)
    services.draft_submit(draft=draft, user=drafting.owner)
    draft.refresh_from_db()
    page_id = draft.page_id
    if asked_for_changes:
        act(draft.page, drafting.editor, "reject", comment="Shorter, please.")
        draft.refresh_from_db()

    services.draft_withdraw(draft=draft, user=drafting.owner)

    draft.refresh_from_db()
    assert draft.state == DraftState.DRAFT
    assert draft.page is None
    assert not WeeknotePage.objects.filter(pk=page_id).exists()
    assert not Revision.objects.filter(object_id=str(page_id)).exists()
    assert not WorkflowState.objects.filter(object_id=str(page_id)).exists()
    assert not TaskState.objects.filter(workflow_state__object_id=str(page_id)).exists()
    # The draft stays the owner's, and can go to the editors again.
    services.draft_submit(draft=draft, user=drafting.owner)
    draft.refresh_from_db()
    assert draft.state == DraftState.SUBMITTED


def test_a_draft_cannot_be_withdrawn_once_published_only_asked_to_be_taken_down(
    drafting, draft, django_capture_on_commit_callbacks
):
    fill(draft, drafting.owner)
    services.draft_submit(draft=draft, user=drafting.owner)
    draft.refresh_from_db()
    act(draft.page, drafting.editor, "approve")
    draft.refresh_from_db()
    with pytest.raises(ValidationError):
        services.draft_withdraw(draft=draft, user=drafting.owner)

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.request_unpublish(draft=draft, user=drafting.owner)
    draft.refresh_from_db()
    assert draft.unpublish_requested_at is not None
    told = {address for message in mail.outbox for address in message.to}
    assert {drafting.editor.email, drafting.second_editor.email} <= told

    draft.page.unpublish(user=drafting.editor)
    draft.refresh_from_db()
    assert draft.state == DraftState.UNPUBLISHED
    assert draft.unpublish_requested_at is None


@pytest.mark.parametrize("who", ["coach", "fellow", "editor"])
def test_nobody_but_the_owner_changes_submits_or_withdraws(drafting, draft, who):
    person = drafting.person(who)
    with pytest.raises(PermissionDenied):
        fill(draft, person)
    with pytest.raises(PermissionDenied):
        services.draft_submit(draft=draft, user=person)
    with pytest.raises(PermissionDenied):
        services.draft_withdraw(draft=draft, user=person)


def test_in_review_the_draft_cannot_be_changed(drafting, draft):
    fill(draft, drafting.owner)
    services.draft_submit(draft=draft, user=drafting.owner)
    draft.refresh_from_db()
    with pytest.raises(ValidationError):
        fill(draft, drafting.owner, title="Changed behind the editors' backs")
