"""The access matrix, carried on to conversations: for every role and visibility, editing
and removing one's own comment, seeing a notification, and receiving its email."""

import pytest
from django.core import mail
from django.urls import reverse

from inquiries.models import Comment, Notification
from inquiries.notifications import email_notification
from tests.inquiries.test_access import CASES, SEES

pytestmark = pytest.mark.django_db


def own_comment(world, role, inquiry):
    """A comment written by the role's person while they could see the inquiry."""
    return Comment.objects.create(
        inquiry=inquiry, author=world.person(role), body="Mine.", body_html="<p>Mine.</p>"
    )


@pytest.mark.parametrize(("role", "visibility"), [c for c in CASES if c[0] != "anonymous"])
def test_editing_and_removing_ones_own_comment(client, world, role, visibility):
    inquiry = world.inquiry(visibility)
    comment = own_comment(world, role, inquiry)
    client.force_login(world.person(role))

    edit = client.post(
        reverse("inquiries:comment_edit", args=[inquiry.pk, comment.pk]), {"body": "Changed."}
    )
    comment.refresh_from_db()
    body_after_edit = comment.body
    remove = client.post(reverse("inquiries:comment_remove", args=[inquiry.pk, comment.pk]))
    comment.refresh_from_db()

    if role in SEES[visibility]:
        assert edit.status_code == remove.status_code == 302
        assert body_after_edit == "Changed."
        assert comment.removed_at is not None
    else:  # an author who can no longer see the inquiry cannot reach their comment either
        assert edit.status_code == remove.status_code == 404
        assert (comment.body, comment.removed_at) == ("Mine.", None)


@pytest.mark.parametrize(("role", "visibility"), [c for c in CASES if c[0] != "owner"])
def test_nobody_edits_or_removes_someone_elses_comment(client, world, role, visibility):
    inquiry = world.inquiry(visibility)
    comment = own_comment(world, "owner", inquiry)
    if world.person(role):
        client.force_login(world.person(role))

    edit = client.post(
        reverse("inquiries:comment_edit", args=[inquiry.pk, comment.pk]), {"body": "Changed."}
    )
    remove = client.post(reverse("inquiries:comment_remove", args=[inquiry.pk, comment.pk]))

    # Another person's comment is not theirs to change: 404, like anything out of reach.
    expected = 302 if role == "anonymous" else 404
    assert edit.status_code == remove.status_code == expected
    comment.refresh_from_db()
    assert (comment.body, comment.removed_at) == ("Mine.", None)


@pytest.mark.parametrize(("role", "visibility"), [c for c in CASES if c[0] != "anonymous"])
def test_a_notification_is_seen_and_emailed_only_while_its_reader_can_see(
    client, world, role, visibility
):
    inquiry = world.inquiry(visibility)
    notification = Notification.objects.create(
        recipient=world.person(role), actor=world.owner, kind="entry", inquiry=inquiry
    )
    client.force_login(world.person(role))

    listing = client.get(reverse("notifications:list")).content.decode()
    opened = client.get(reverse("notifications:open", args=[notification.pk]))
    sent = email_notification.call(notification.pk)

    if role in SEES[visibility]:
        assert inquiry.title in listing
        assert client.get(opened.url).status_code == 200
        assert sent is True
        assert [m.to for m in mail.outbox] == [[world.person(role).email]]
        assert inquiry.title in mail.outbox[0].subject
    else:
        assert inquiry.title not in listing
        assert "Something you can no longer see." in listing
        assert client.get(opened.url).status_code == 404
        assert sent is False
        assert mail.outbox == []
