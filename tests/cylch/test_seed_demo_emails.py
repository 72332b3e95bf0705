"""seed_demo emails nobody, though the services its steps go through send emails.

Services send their emails when the transaction commits, so this test lets the
command's own transaction really commit (a transactional test), as it does for an
operator. Its step is a stand-in: seeding the whole demo here would take a minute.
"""

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.core.management import call_command
from django.db import transaction

from cylch.management.commands import seed_demo


def a_step_that_emails_on_commit():
    message = EmailMessage(subject="Welcome", body="Hello", to=["participant@example.com"])
    transaction.on_commit(message.send)
    return "A step that emails on commit."


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_what_the_demo_steps_would_email_is_not_sent(monkeypatch):
    monkeypatch.setattr(seed_demo, "STEPS", [a_step_that_emails_on_commit])

    call_command("seed_demo")

    assert mail.outbox == []
