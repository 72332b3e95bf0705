"""With the database backend (production), emails and the daily round wait for a worker.

A request that triggers an email answers without sending it; ``manage.py db_worker``
sends it, once, however many workers run; a failed send is tried again later, and after
the last attempt the task is listed as failed in the Django admin.

Transactional: the worker manages its own transactions and connections, as in production.
"""

import smtplib
import threading

import pytest
from django.contrib.auth.models import Permission
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.db import OperationalError, connection
from django.urls import reverse
from django_tasks import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from inquiries.models import Notification
from kernel.tasks import ATTEMPTS
from tests.background import a_minute_later, run_worker
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("database_queue"),
]


EMAIL_TASK = "inquiries.notifications.email_notification"


def comment(client, world, body="Who else did you ask?"):
    inquiry = world.inquiry("coaches")
    client.force_login(world.coach)
    response = client.post(reverse("inquiries:comment_create", args=[inquiry.pk]), {"body": body})
    assert response.status_code == 302
    return inquiry


@pytest.fixture
def mail_server(monkeypatch):
    """The test's mail server: it refuses while ``down`` is set, and counts every try."""

    class MailServer:
        down = False
        tries = 0

    server = MailServer()
    send = EmailBackend.send_messages

    def send_or_refuse(self, messages):
        server.tries += 1
        if server.down:
            raise smtplib.SMTPServerDisconnected("mail server went away")
        return send(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", send_or_refuse)
    return server


def test_a_comment_is_answered_without_its_email_and_the_worker_sends_it_once(
    client, world, mailoutbox
):
    inquiry = comment(client, world)

    assert mailoutbox == []
    assert Notification.objects.get(recipient=world.owner).emailed_at is None

    run_worker()
    run_worker()

    assert [m.to for m in mailoutbox] == [[world.owner.email]]
    assert inquiry.title in mailoutbox[0].subject
    assert Notification.objects.get(recipient=world.owner).emailed_at is not None


def test_an_email_that_fails_is_sent_when_the_mail_server_is_back(
    client, world, mailoutbox, mail_server
):
    mail_server.down = True
    comment(client, world)

    run_worker()
    assert mailoutbox == []
    mail_server.down = False
    run_worker()  # the retry waits its turn
    assert mailoutbox == []
    a_minute_later()
    run_worker()

    assert [m.to for m in mailoutbox] == [[world.owner.email]]
    assert not DBTaskResult.objects.failed().exists()


def test_an_email_that_fails_every_attempt_is_listed_as_failed_for_operators(
    client, world, mailoutbox, mail_server
):
    mail_server.down = True
    comment(client, world)

    for _attempt in range(ATTEMPTS):
        run_worker()
        a_minute_later()
    run_worker()

    assert mail_server.tries == ATTEMPTS
    assert mailoutbox == []
    failed = DBTaskResult.objects.failed().get()
    assert failed.task_name == "email_notification"
    assert "mail server went away" in failed.traceback
    assert Notification.objects.get(recipient=world.owner).emailed_at is None

    operator = UserFactory(is_staff=True)
    operator.user_permissions.add(Permission.objects.get(codename="view_dbtaskresult"))
    client.force_login(operator)
    listing = client.get(
        "/django-admin/django_tasks_database/dbtaskresult/", {"status__exact": "FAILED"}
    ).content.decode()
    assert str(failed.id) in listing
    assert "email_notification" in listing
    details = client.get(
        f"/django-admin/django_tasks_database/dbtaskresult/{failed.id}/change/"
    ).content.decode()
    assert "mail server went away" in details


def test_two_workers_at_once_send_a_queued_email_once(client, world, mailoutbox):
    """The first worker holds the task, between finding it and marking it running, until
    the second has looked for work."""
    comment(client, world)
    first_holds_it = threading.Event()
    second_looked = threading.Event()
    claim = DBTaskResult.claim

    def claim_once_the_second_has_looked(self, worker_id):
        if worker_id == "first" and self.task_path == EMAIL_TASK:
            first_holds_it.set()
            second_looked.wait(timeout=30)
        claim(self, worker_id)

    def worker(worker_id):
        # What `db_worker --batch` runs; signal handlers can only be set in the main thread.
        return Worker(
            queue_names=["default"],
            interval=0.01,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id=worker_id,
            excluded_queue_names=[],
        )

    def first():
        worker("first").run()
        connection.close()  # this thread's own

    errors = []

    def second():
        try:
            worker("second").run()
        except OperationalError as error:
            errors.append(error)
        finally:
            second_looked.set()
            connection.close()  # this thread's own

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(DBTaskResult, "claim", claim_once_the_second_has_looked)
        first = threading.Thread(target=first)
        first.start()
        assert first_holds_it.wait(timeout=30)
        other = threading.Thread(target=second)
        other.start()
        other.join(timeout=60)
        first.join(timeout=60)

    if connection.vendor == "postgresql":
        assert errors == []  # it skipped the locked row (FOR UPDATE SKIP LOCKED), found no other
    else:
        # SQLite lets one worker at a time look (an exclusive transaction); the shared
        # in-memory test database refuses the second at once, where a file would make it wait.
        assert "locked" in str(errors)
    assert [m.to for m in mailoutbox] == [[world.owner.email]]
    assert DBTaskResult.objects.get(task_path=EMAIL_TASK).worker_ids == ["first"]
    # Every task queued (Wagtail queues its own too) ran once, by one worker.
    assert {(r.status, len(r.worker_ids)) for r in DBTaskResult.objects.all()} == {
        (TaskResultStatus.SUCCESSFUL, 1)
    }


def test_the_daily_round_is_queued_by_the_command_and_sends_each_digest_once(
    client, world, mailoutbox
):
    client.force_login(world.owner)
    client.post(reverse("notifications:settings"), {"email": "digest"})
    comment(client, world)
    run_worker()  # the notification's own task: a digest reader gets no email for each
    assert mailoutbox == []

    call_command("send_digests")
    call_command("send_digests")
    assert mailoutbox == []
    run_worker()

    assert [m.to for m in mailoutbox] == [[world.owner.email]]
    assert "daily digest" in mailoutbox[0].subject
