"""kernel/mail.py: subjects on one line, nothing after a commit becomes an error page, and
an email queued after the commit is sent whole, by a worker in production."""

import pytest
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import transaction
from django_tasks_db.models import DBTaskResult
from hypothesis import given, settings
from hypothesis import strategies as st

from kernel.mail import after_commit, email_subject, send_after_commit, send_quietly
from tests.background import run_worker


def test_a_subject_is_one_line_whatever_the_names_in_it_hold():
    assert email_subject("[Cylch] Nia\nEvans commented on “Line one\r\nline\ttwo\x0b”") == (
        "[Cylch] Nia Evans commented on “Line one line two”"
    )


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_text_makes_a_subject_a_message_can_carry(text):
    subject = email_subject(f"[Cylch] {text}")

    assert "\n" not in subject and "\r" not in subject
    EmailMessage(subject=subject, body="", to=["nia@example.org"]).message()


def test_a_message_that_cannot_be_built_is_logged_not_raised(mailoutbox, caplog):
    message = EmailMessage(subject="Two\nlines", body="", to=["nia@example.org"])

    assert send_quietly(message) is False
    assert mailoutbox == []
    assert "Could not send the email" in caplog.text


@pytest.mark.django_db
def test_what_fails_after_the_commit_is_logged_not_raised(
    django_capture_on_commit_callbacks, caplog
):
    done = []

    def fails():
        raise RuntimeError("the template went missing")

    with django_capture_on_commit_callbacks(execute=True):
        after_commit(fails)
        after_commit(lambda: done.append(True))

    assert done == [True]
    assert "the template went missing" in caplog.text


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("database_queue")
def test_an_email_queued_after_the_commit_is_sent_whole_by_the_worker(mailoutbox):
    message = EmailMultiAlternatives(
        subject="[Cylch] Croeso, Siân", body="Plain words.", to=["sian@example.org"]
    )
    message.attach_alternative("<p>Plain <em>words</em>.</p>", "text/html")

    with transaction.atomic():
        delivery = send_after_commit(message)
        assert not DBTaskResult.objects.exists()  # nothing queued before the commit
    assert (mailoutbox, delivery.sent) == ([], None)  # queued: not sent, not failed
    run_worker()

    [sent] = mailoutbox
    assert (sent.subject, sent.body, sent.to, sent.from_email) == (
        message.subject,
        message.body,
        message.to,
        message.from_email,
    )
    assert sent.alternatives == [("<p>Plain <em>words</em>.</p>", "text/html")]


def test_with_the_immediate_backend_the_delivery_says_whether_it_went(
    db, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        went = send_after_commit(EmailMessage(subject="Hello", body="", to=["a@example.org"]))
        refused = send_after_commit(
            EmailMessage(subject="Two\nlines", body="", to=["b@example.org"])
        )

    assert (went.sent, refused.sent) == (True, False)
    assert [m.to for m in mailoutbox] == [["a@example.org"]]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("database_queue")
def test_a_message_that_cannot_be_built_fails_at_once_not_five_times(mailoutbox):
    with transaction.atomic():
        send_after_commit(EmailMessage(subject="Two\nlines", body="", to=["a@example.org"]))
    run_worker()

    [result] = DBTaskResult.objects.all()
    assert (result.status, mailoutbox) == ("FAILED", [])
    assert "BadHeaderError" in result.exception_class_path
