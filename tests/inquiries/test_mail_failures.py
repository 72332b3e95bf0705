"""A mail server that fails never turns a saved write into an error page."""

import smtplib

import pytest
from django.core.mail.backends.locmem import EmailBackend
from django.urls import reverse

from accounts.models import User
from cohorts.models import Invitation, Role
from inquiries.models import Comment, Entry, Inquiry, Notification
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def broken_mail_server(monkeypatch):
    def refuse(self, messages):
        raise smtplib.SMTPServerDisconnected("mail server went away")

    monkeypatch.setattr(EmailBackend, "send_messages", refuse)


def test_a_comment_is_saved_and_shown_when_its_email_cannot_be_sent(
    client, world, broken_mail_server, django_capture_on_commit_callbacks
):
    inquiry = world.inquiry("coaches")
    client.force_login(world.coach)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("inquiries:comment_create", args=[inquiry.pk]), {"body": "Who else?"}
        )

    assert response.status_code == 302
    assert Comment.objects.get().body == "Who else?"
    notification = Notification.objects.get(recipient=world.owner)
    assert notification.emailed_at is None  # with a worker, tried again later


# Transactional, so the email is tried when the view's own transaction commits;
# serialized_rollback puts back the rows migrations made for the tests after it.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_invitation_is_saved_and_the_facilitator_told_when_its_email_cannot_be_sent(
    client, broken_mail_server
):
    facilitator = MembershipFactory(role=Role.FACILITATOR)
    client.force_login(facilitator.user)

    response = client.post(
        reverse("cohorts:invitations", args=[facilitator.cohort.slug]),
        {"email": "someone@example.org", "role": Role.PARTICIPANT},
    )

    assert response.status_code == 302
    assert Invitation.objects.filter(email="someone@example.org").exists()
    page = client.get(response.url).content.decode()
    assert "is saved, but its email could not be sent" in page
    assert "Invitation sent to" not in page


def log_an_action(client, world, inquiry):
    client.force_login(world.owner)
    return client.post(
        reverse("inquiries:entry_create", args=[inquiry.pk, 1, "action"]),
        {"body": "Walked the high street.", "occurred_on": "2026-10-01"},
    )


# Transactional, so the email is built and sent when the view's own transaction commits,
# as in production: a failure there would answer 500 for an entry already saved.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_line_break_in_a_title_or_name_is_one_line_in_the_subject_and_the_entry_saved_once(
    client, world, mailoutbox
):
    # Stored before titles and names refused them, or by another road.
    inquiry = world.inquiry("coaches")
    Inquiry.objects.filter(pk=inquiry.pk).update(title="Line one\nline two")
    User.objects.filter(pk=world.owner.pk).update(display_name="Nia\r\nEvans")

    response = log_an_action(client, world, inquiry)

    assert response.status_code == 302
    assert Entry.objects.filter(body="Walked the high street.").count() == 1
    (message,) = mailoutbox
    assert message.to == [world.coach.email]
    assert message.subject == "[Cylch] Nia Evans logged an action in cycle 1 of “Line one line two”"


def test_whatever_fails_while_emailing_after_the_save_the_entry_stands(
    client, world, mailoutbox, monkeypatch, django_capture_on_commit_callbacks
):
    inquiry = world.inquiry("coaches")

    def broken(notification):
        raise RuntimeError("the address could not be made")

    monkeypatch.setattr("inquiries.notifications.open_url", broken)

    with django_capture_on_commit_callbacks(execute=True):
        response = log_an_action(client, world, inquiry)

    assert response.status_code == 302
    assert Entry.objects.filter(body="Walked the high street.").count() == 1
    assert mailoutbox == []
    assert Notification.objects.get(recipient=world.coach).emailed_at is None
