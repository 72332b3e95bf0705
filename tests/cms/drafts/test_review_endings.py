"""However a review ends without publishing, nothing the editors were sent stays behind,
and the draft says truly where it stands (found in review; issue 10)."""

import pytest
from django.core.exceptions import ValidationError
from taggit.models import Tag
from wagtail.models import PageLogEntry, Revision, WorkflowState

from cms.drafts import services
from cms.drafts.models import DraftState, WeeknoteDraft
from cms.models import WeeknotePage
from inquiries.models import Notification
from tests.cms.drafts.steps import act, approve, fill, review_of, submit

pytestmark = pytest.mark.django_db


def revisions_of(page_id):
    return Revision.page_revisions.filter(object_id=str(page_id))


def test_a_withdrawn_second_version_of_a_live_weeknote_cannot_be_published(drafting, draft):
    approve(draft, drafting.owner, drafting.editor)
    page = WeeknotePage.objects.get(pk=draft.page_id)
    live_revision = page.live_revision_id
    fill(draft, drafting.owner, summary="Secret second thoughts.")
    services.draft_submit(draft=draft, user=drafting.owner)

    services.draft_withdraw(draft=draft, user=drafting.owner)

    page.refresh_from_db()
    draft.refresh_from_db()
    assert draft.state == DraftState.PUBLISHED
    assert page.live
    assert page.get_latest_revision().pk == live_revision
    assert not page.has_unpublished_changes
    assert list(revisions_of(page.pk).values_list("pk", flat=True)) == [live_revision]
    assert not any("Secret" in r.content["summary"] for r in revisions_of(page.pk))
    # What an editor publishing "the latest" would now publish is the live text.
    page.get_latest_revision().publish()
    assert WeeknotePage.objects.get(pk=page.pk).summary == "Trust takes time, and tea."


def test_a_withdrawn_version_leaves_neither_its_title_in_history_nor_its_own_tags(drafting, draft):
    """Wagtail's history (Reports → Site history, the page's History) names the page as
    each version was titled, and makes a version's tags when it is saved."""
    approve(draft, drafting.owner, drafting.editor)
    fill(draft, drafting.owner, title="Second thoughts", tags="trust, second-thoughts")
    services.draft_submit(draft=draft, user=drafting.owner)

    services.draft_withdraw(draft=draft, user=drafting.owner)

    labels = PageLogEntry.objects.filter(page_id=draft.page_id).values_list("label", flat=True)
    assert set(labels) == {"What the bus station taught us"}
    assert set(Tag.objects.values_list("name", flat=True)) == {"trust", "outreach"}


def test_a_withdrawn_weeknote_never_live_keeps_its_history_without_its_title(drafting, draft):
    submit(draft, drafting.owner)
    page_id = draft.page_id

    services.draft_withdraw(draft=draft, user=drafting.owner)

    labels = PageLogEntry.objects.filter(page_id=page_id).values_list("label", flat=True)
    assert set(labels) == {"A withdrawn weeknote"}  # created, sent, withdrawn, deleted
    assert not Tag.objects.exists()


def test_two_submits_at_once_make_one_page_and_one_review(drafting, draft):
    fill(draft, drafting.owner)
    stale = WeeknoteDraft.objects.get(pk=draft.pk)
    services.draft_submit(draft=draft, user=drafting.owner)

    with pytest.raises(ValidationError):
        services.draft_submit(draft=stale, user=drafting.owner)

    assert WeeknotePage.objects.count() == 1
    assert WorkflowState.objects.count() == 1


def test_withdrawing_twice_from_two_tabs_answers_the_second_in_words(drafting, draft):
    submit(draft, drafting.owner)
    stale = WeeknoteDraft.objects.get(pk=draft.pk)
    services.draft_withdraw(draft=draft, user=drafting.owner)
    with pytest.raises(ValidationError):
        services.draft_withdraw(draft=stale, user=drafting.owner)


def test_withdrawing_a_resubmitted_taken_down_weeknote_says_it_is_taken_down(drafting, draft):
    approve(draft, drafting.owner, drafting.editor)
    draft.page.unpublish(user=drafting.editor)
    draft.refresh_from_db()
    services.draft_submit(draft=draft, user=drafting.owner)

    services.draft_withdraw(draft=draft, user=drafting.owner)

    draft.refresh_from_db()
    assert draft.state == DraftState.UNPUBLISHED
    assert not draft.page.live
    services.draft_delete(draft=draft, user=drafting.owner)  # not public: it may go
    assert not WeeknoteDraft.objects.filter(pk=draft.pk).exists()


def test_an_editor_cancelling_the_review_deletes_a_page_that_was_never_live(drafting, draft):
    submit(draft, drafting.owner)
    page_id = draft.page_id

    review_of(draft.page).cancel(user=drafting.editor)

    draft.refresh_from_db()
    assert draft.state == DraftState.DRAFT
    assert draft.page is None
    assert not WeeknotePage.objects.filter(pk=page_id).exists()
    assert not revisions_of(page_id).exists()
    services.draft_delete(draft=draft, user=drafting.owner)


def test_an_editor_deleting_the_page_in_review_gives_the_draft_back(drafting, draft):
    submit(draft, drafting.owner)

    WeeknotePage.objects.get(pk=draft.page_id).delete()

    draft.refresh_from_db()
    assert draft.state == DraftState.DRAFT
    assert draft.page is None


def test_a_draft_deleted_with_its_inquiry_leaves_no_page_in_review(drafting, draft):
    submit(draft, drafting.owner)
    page_id = draft.page_id

    drafting.inquiry.delete()

    assert not WeeknotePage.objects.filter(pk=page_id).exists()
    assert not WorkflowState.objects.filter(object_id=str(page_id)).exists()


def test_notifications_go_with_the_draft(drafting, draft):
    services.comment_create(draft=draft, author=drafting.coach, body="Lovely start.")
    assert Notification.objects.filter(recipient=drafting.owner).exists()

    services.draft_delete(draft=draft, user=drafting.owner)

    assert not Notification.objects.filter(recipient=drafting.owner).exists()


def test_nothing_new_is_said_on_a_draft_in_a_closed_cohort(drafting, draft):
    cohort = drafting.inquiry.cohort
    cohort.status = "closed"
    cohort.save()
    with pytest.raises(ValidationError):
        services.comment_create(draft=draft, author=drafting.coach, body="Late word.")


def test_a_tag_too_long_for_the_weeknote_is_refused_on_the_draft(drafting, draft):
    with pytest.raises(ValidationError) as refused:
        fill(draft, drafting.owner, tags="trust, " + "x" * 101)
    assert "tags" in refused.value.message_dict


def test_an_editor_who_asks_for_changes_then_cancels_leaves_nothing(drafting, draft):
    submit(draft, drafting.owner)
    act(draft.page, drafting.editor, "reject", comment="Not this week.")
    page_id = draft.page_id

    services.draft_withdraw(draft=draft, user=drafting.owner)

    assert not WeeknotePage.objects.filter(pk=page_id).exists()


def count_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", ["/me/notifications/", "/me/"])
def test_lines_about_drafts_cost_no_query_each(client, drafting, draft, url):
    services.comment_create(draft=draft, author=drafting.coach, body="One.")
    client.force_login(drafting.owner)
    few = count_queries(client, url)
    for n in range(5):
        other = services.draft_start(
            owner=drafting.owner, cycle=drafting.cycle, entry_ids=[drafting.entries[0].pk]
        )
        services.comment_create(draft=other, author=drafting.coach, body=f"More {n}.")
    assert count_queries(client, url) == few


def test_no_entry_is_chosen_for_the_writer(client, drafting):
    client.force_login(drafting.owner)
    page = client.get(f"/me/weeknotes/new/{drafting.cycle.pk}/").content.decode()
    assert page.count('type="checkbox"') == 3
    assert "checked" not in page


def test_a_draft_keeps_its_text_as_clean_html_from_when_it_was_saved(drafting, draft):
    assert "<em>outreach</em>" in draft.body_html
    fill(draft, drafting.owner, body="Hello <script>alert(1)</script> **team**")
    draft.refresh_from_db()
    assert "<strong>team</strong>" in draft.body_html
    assert "<script>" not in draft.body_html


def test_an_editor_sending_it_back_for_review_from_the_admin_says_so_on_the_draft(drafting, draft):
    submit(draft, drafting.owner)
    act(draft.page, drafting.editor, "reject", comment="Shorter.")
    review_of(draft.page).resume(user=drafting.second_editor)

    draft.refresh_from_db()
    assert draft.state == DraftState.SUBMITTED
    assert draft.review_comment == ""
