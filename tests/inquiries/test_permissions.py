"""inquiries.permissions: who may write, comment or change a comment, and the one reason why not.

Services enforce these answers and the inquiry page shows them; here they are asked
directly, then once through the pages to show both say the same words.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from cohorts.models import CohortStatus, Membership
from inquiries.models import Comment
from inquiries.permissions import (
    ReadOnly,
    Refusal,
    may_change_comment,
    may_change_visibility,
    may_comment,
    may_write,
)
from tests.inquiries.test_access import CASES, SEES

pytestmark = pytest.mark.django_db


def close(cohort):
    cohort.status = CohortStatus.CLOSED
    cohort.save()


def leave(person, cohort):
    Membership.objects.filter(user=person, cohort=cohort).delete()


# Writing: the owner's alone, while they are in the cohort and it is open.


def test_the_owner_may_write_in_an_open_cohort(world):
    decision = may_write(inquiry=world.inquiry(), user=world.owner)

    assert decision.allowed
    assert (decision.reason, decision.notice) == ("", "")
    decision.enforce()  # does not raise


@pytest.mark.parametrize("role", ["coach", "fellow", "facilitator", "outsider", "staff"])
def test_nobody_else_writes_and_the_page_says_nothing_of_it(world, role):
    decision = may_write(inquiry=world.inquiry("cohort"), user=world.person(role))

    assert decision.refusal == Refusal.NOT_OWNER
    assert decision.reason == Refusal.NOT_OWNER.label
    assert decision.notice == ""


def test_nobody_signed_out_writes(world):
    assert may_write(inquiry=world.inquiry(), user=AnonymousUser()).refusal == Refusal.NOT_OWNER


@pytest.mark.parametrize("role", ["owner", "coach"])
def test_a_closed_cohort_takes_nothing_new_and_everyone_is_told(world, role):
    inquiry = world.inquiry()
    close(world.cohort)

    decision = may_write(inquiry=inquiry, user=world.person(role))

    assert decision.refusal == Refusal.COHORT_CLOSED
    assert decision.notice == Refusal.COHORT_CLOSED.label


@pytest.mark.parametrize("closed", [False, True])
def test_an_owner_who_left_hears_that_first(world, closed):
    inquiry = world.inquiry()
    leave(world.owner, world.cohort)
    if closed:
        close(world.cohort)

    decision = may_write(inquiry=inquiry, user=world.owner)

    assert decision.refusal == Refusal.OWNER_LEFT
    assert decision.notice == Refusal.OWNER_LEFT.label


def test_a_refusal_enforced_raises_read_only_with_its_reason_and_inquiry(world):
    inquiry = world.inquiry()
    close(world.cohort)

    with pytest.raises(ReadOnly) as refused:
        may_write(inquiry=inquiry, user=world.owner).enforce()

    assert refused.value.refusal == Refusal.COHORT_CLOSED
    assert refused.value.reason == Refusal.COHORT_CLOSED.label
    assert refused.value.inquiry == inquiry


# Who sees it: the owner, even in a closed cohort or after leaving.


@pytest.mark.parametrize("change", [None, "closed", "left"])
def test_the_owner_always_chooses_who_sees_it(world, change):
    inquiry = world.inquiry()
    if change == "closed":
        close(world.cohort)
    elif change == "left":
        leave(world.owner, world.cohort)

    assert may_change_visibility(inquiry=inquiry, user=world.owner).allowed
    assert may_change_visibility(inquiry=inquiry, user=world.coach).refusal == Refusal.NOT_OWNER


# Commenting: whoever sees it, while in the cohort and it is open.


@pytest.mark.parametrize(("role", "visibility"), CASES)
def test_whoever_sees_an_inquiry_may_comment_on_it(world, role, visibility):
    inquiry = world.inquiry(visibility)

    decision = may_comment(inquiry=inquiry, user=world.person(role) or AnonymousUser())

    if role in SEES[visibility]:
        assert decision.allowed
    else:
        assert decision.refusal == Refusal.NOT_IN_CONVERSATION


@pytest.mark.parametrize("role", ["owner", "coach", "fellow"])
def test_nobody_comments_in_a_closed_cohort(world, role):
    inquiry = world.inquiry("cohort")
    close(world.cohort)

    assert may_comment(inquiry=inquiry, user=world.person(role)).refusal == Refusal.COHORT_CLOSED


@pytest.mark.parametrize("role", ["owner", "coach"])
def test_leaving_the_cohort_ends_commenting_there_even_on_ones_own(world, role):
    inquiry = world.inquiry("coaches")
    leave(world.person(role), world.cohort)

    decision = may_comment(inquiry=inquiry, user=world.person(role))

    assert decision.refusal == Refusal.NOT_IN_CONVERSATION


def test_only_its_author_changes_a_comment_not_yet_removed(world):
    inquiry = world.inquiry("cohort")
    comment = Comment.objects.create(inquiry=inquiry, author=world.coach, body="A", body_html="A")

    assert may_change_comment(comment=comment, user=world.coach).allowed
    assert may_change_comment(comment=comment, user=world.owner).refusal == Refusal.NOT_AUTHOR

    comment.body, comment.removed_at = "", comment.created_at
    assert may_change_comment(comment=comment, user=world.coach).refusal == Refusal.NOT_AUTHOR


def test_an_author_changes_nothing_once_the_cohort_is_closed(world):
    inquiry = world.inquiry("cohort")
    comment = Comment.objects.create(inquiry=inquiry, author=world.coach, body="A", body_html="A")
    close(world.cohort)

    assert may_change_comment(comment=comment, user=world.coach).refusal == Refusal.COHORT_CLOSED


# One wording per reason, wherever it shows.


@pytest.mark.parametrize("refusal", [Refusal.OWNER_LEFT, Refusal.COHORT_CLOSED])
def test_the_inquiry_page_and_a_refused_write_give_the_same_reason(client, world, refusal):
    inquiry = world.inquiry()
    if refusal == Refusal.OWNER_LEFT:
        leave(world.owner, world.cohort)
    else:
        close(world.cohort)
    client.force_login(world.owner)

    page = client.get(inquiry.get_absolute_url())
    refused = client.post(reverse("inquiries:cycle_start", args=[inquiry.pk]), {"intention": "X"})

    assert f'<p class="notice">{refusal.label}</p>' in page.content.decode()
    assert refused.status_code == 403
    assert f"<p>{refusal.label}</p>" in refused.content.decode()
