"""kernel/mail.py: subjects on one line, and nothing after a commit becomes an error page."""

import pytest
from django.core.mail import EmailMessage
from hypothesis import given, settings
from hypothesis import strategies as st

from kernel.mail import after_commit, email_subject, send_quietly


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
