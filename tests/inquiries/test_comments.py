"""Comments and replies: whoever sees an inquiry may comment, nothing new in a closed cohort."""

import pytest
from django.urls import reverse

from cohorts.models import CohortStatus, Membership
from inquiries.models import Comment, Entry
from tests.inquiries.test_access import CASES, SEES, assert_sent_to_sign_in, sign_in

pytestmark = pytest.mark.django_db


def comment_url(inquiry):
    return reverse("inquiries:comment_create", args=[inquiry.pk])


@pytest.mark.parametrize(("role", "visibility"), CASES)
def test_comment_on_an_entry(client, world, role, visibility):
    inquiry = world.inquiry(visibility)
    entry = Entry.objects.get(cycle__inquiry=inquiry)
    sign_in(client, world, role)

    response = client.post(comment_url(inquiry), {"body": "Who else was there?", "entry": entry.pk})

    posted = Comment.objects.filter(entry=entry, body="Who else was there?").exists()
    if role == "anonymous":
        assert_sent_to_sign_in(response)
    elif role in SEES[visibility]:
        assert response.status_code == 302
        page = client.get(inquiry.get_absolute_url()).content.decode()
        assert "<p>Who else was there?</p>" in page
    else:
        assert response.status_code == 404
    assert posted == (role in SEES[visibility])


@pytest.mark.parametrize(("role", "visibility"), CASES)
def test_reply_to_a_comment(client, world, role, visibility):
    inquiry = world.inquiry(visibility)
    question = Comment.objects.create(
        inquiry=inquiry, author=world.owner, body="Thoughts?", body_html="<p>Thoughts?</p>"
    )
    sign_in(client, world, role)

    response = client.post(
        comment_url(inquiry), {"body": "Try the pharmacy.", "parent": question.pk}
    )

    if role == "anonymous":
        assert_sent_to_sign_in(response)
    elif role in SEES[visibility]:
        assert response.status_code == 302
    else:
        assert response.status_code == 404
    assert question.replies.exists() == (role in SEES[visibility])


def test_a_reply_to_a_reply_joins_the_same_thread(client, world):
    inquiry = world.inquiry("cohort")
    top = Comment.objects.create(inquiry=inquiry, author=world.owner, body="A", body_html="A")
    reply = Comment.objects.create(
        inquiry=inquiry, author=world.coach, parent=top, body="B", body_html="B"
    )
    client.force_login(world.fellow)

    client.post(comment_url(inquiry), {"body": "C", "parent": reply.pk})

    assert Comment.objects.get(body="C").parent == top


def test_nothing_new_is_written_in_a_closed_cohort_but_comments_stay_readable(client, world):
    inquiry = world.inquiry("cohort")
    mine = Comment.objects.create(
        inquiry=inquiry, author=world.coach, body="Kept", body_html="<p>Kept</p>"
    )
    world.cohort.status = CohortStatus.CLOSED
    world.cohort.save()
    client.force_login(world.coach)

    page = client.get(inquiry.get_absolute_url()).content.decode()
    comment = client.post(comment_url(inquiry), {"body": "Late."})
    edit = client.post(
        reverse("inquiries:comment_edit", args=[inquiry.pk, mine.pk]), {"body": "Changed"}
    )
    remove = client.post(reverse("inquiries:comment_remove", args=[inquiry.pk, mine.pk]))

    assert "<p>Kept</p>" in page
    assert "Send comment" not in page
    assert [comment.status_code, edit.status_code, remove.status_code] == [403, 403, 403]
    mine.refresh_from_db()
    assert (mine.body, mine.removed_at) == ("Kept", None)
    assert Comment.objects.count() == 1


def test_a_member_removed_from_the_cohort_can_no_longer_comment(client, world):
    inquiry = world.inquiry("cohort")
    client.force_login(world.fellow)
    Membership.objects.filter(user=world.fellow, cohort=world.cohort).delete()

    response = client.post(comment_url(inquiry), {"body": "Still here?"})

    assert response.status_code == 404
    assert not Comment.objects.exists()


def test_the_author_edits_a_comment_and_it_says_edited(client, world):
    inquiry = world.inquiry("coaches")
    client.force_login(world.coach)
    client.post(comment_url(inquiry), {"body": "First thought."})
    comment = Comment.objects.get()

    client.post(
        reverse("inquiries:comment_edit", args=[inquiry.pk, comment.pk]),
        {"body": "Second *thought*."},
    )

    page = client.get(inquiry.get_absolute_url()).content.decode()
    assert "Second <em>thought</em>." in page
    assert "First thought." not in page
    assert "(edited)" in page


def test_nobody_else_edits_or_removes_a_comment(client, world):
    inquiry = world.inquiry("cohort")
    comment = Comment.objects.create(
        inquiry=inquiry, author=world.coach, body="Mine", body_html="<p>Mine</p>"
    )
    client.force_login(world.owner)

    edit = client.post(
        reverse("inquiries:comment_edit", args=[inquiry.pk, comment.pk]), {"body": "Hijack"}
    )
    remove = client.post(reverse("inquiries:comment_remove", args=[inquiry.pk, comment.pk]))

    assert edit.status_code == remove.status_code == 404
    comment.refresh_from_db()
    assert (comment.body, comment.removed_at) == ("Mine", None)


def test_a_removed_comment_shows_as_removed_and_keeps_its_replies(client, world):
    inquiry = world.inquiry("cohort")
    comment = Comment.objects.create(
        inquiry=inquiry, author=world.coach, body="Regret", body_html="<p>Regret</p>"
    )
    Comment.objects.create(
        inquiry=inquiry, author=world.owner, parent=comment, body="R", body_html="<p>Answer</p>"
    )
    client.force_login(world.coach)

    client.post(reverse("inquiries:comment_remove", args=[inquiry.pk, comment.pk]))

    page = client.get(inquiry.get_absolute_url()).content.decode()
    assert "This comment was removed by its author." in page
    assert "Regret" not in page
    assert "<p>Answer</p>" in page
    comment.refresh_from_db()
    assert comment.body == ""


def test_comments_are_cleaned_like_everything_else(client, world):
    inquiry = world.inquiry("coaches")
    client.force_login(world.coach)

    client.post(comment_url(inquiry), {"body": "<img src=x onerror=alert(1)> [x](javascript:1)"})

    html = Comment.objects.get().body_html
    assert "<img" not in html
    assert "javascript" not in html


def test_an_empty_comment_gets_a_clear_message(client, world):
    inquiry = world.inquiry("coaches")
    client.force_login(world.coach)

    response = client.post(comment_url(inquiry), {"body": "  "})

    assert "Write something before you send it." in response.content.decode()
    assert not Comment.objects.exists()
