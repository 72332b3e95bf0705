"""With a worker (production), inviting answers at once and the worker sends the link.

The link is drawn by the worker as it writes the email: no queued task holds it.
"""

import smtplib

import pytest
from django.core.mail.backends.locmem import EmailBackend
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from cohorts.models import Invitation, Membership, Role
from tests.background import a_minute_later, run_worker
from tests.factories import MembershipFactory, UserFactory

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("database_queue"),
]

INVITED = "someone@example.org"


def invite(client, facilitator):
    client.force_login(facilitator.user)
    response = client.post(
        reverse("cohorts:invitations", args=[facilitator.cohort.slug]),
        {"email": INVITED, "role": Role.PARTICIPANT},
    )
    assert response.status_code == 302
    return response


def emailed_link(email) -> str:
    link = next(word for word in email.body.split() if "/invitations/" in word)
    assert link in email.alternatives[0][0]
    return link


def accept(client, link):
    client.logout()
    client.force_login(UserFactory(email=INVITED))
    client.post(link, {"new_organisation": "Shelter Cymru"})
    return Membership.objects.filter(user__email=INVITED).first()


def queued_arguments() -> list[str]:
    """Every task's arguments as the database holds them, whether run or waiting."""
    return [str(row.args_kwargs) for row in DBTaskResult.objects.all()]


def test_an_invitation_is_answered_before_its_email_goes_and_the_worker_sends_its_link(
    client, mailoutbox
):
    facilitator = MembershipFactory(role=Role.FACILITATOR)

    response = invite(client, facilitator)

    assert f"Invitation sent to {INVITED}" in client.get(response.url).content.decode()
    assert mailoutbox == []
    run_worker()
    [email] = mailoutbox
    assert email.to == [INVITED]
    link = emailed_link(email)
    client.logout()
    welcome = client.get(link)
    assert welcome.templates[0].name == "cohorts/invitation_welcome.html"  # the link works
    membership = accept(client, link)
    assert membership.cohort == facilitator.cohort


def test_no_queued_task_holds_an_invitations_link(client, mailoutbox):
    facilitator = MembershipFactory(role=Role.FACILITATOR)
    invite(client, facilitator)
    invitation = Invitation.objects.get(email=INVITED)
    client.post(reverse("cohorts:invitation_resend", args=[facilitator.cohort.slug, invitation.pk]))
    emails = DBTaskResult.objects.filter(task_path="cohorts.emails.send_invitation_email")
    assert [row.args_kwargs["args"] for row in emails] == [[invitation.pk]] * 2  # sent, resent

    run_worker()

    links = [emailed_link(email) for email in mailoutbox]
    tokens = [link.rstrip("/").rsplit("/", 1)[1] for link in links]
    assert len(set(tokens)) == 2
    for arguments in queued_arguments():
        assert "/invitations/" not in arguments
        assert not any(token in arguments for token in tokens)
    # Both emails went, one after the other: the later link is the one that works.
    assert client.get(links[0]).status_code == 404
    assert accept(client, links[1]).cohort == facilitator.cohort


def test_a_link_whose_email_failed_is_drawn_again_and_works(client, mailoutbox, monkeypatch):
    facilitator = MembershipFactory(role=Role.FACILITATOR)
    invite(client, facilitator)
    send = EmailBackend.send_messages

    def refuse(self, messages):
        raise smtplib.SMTPServerDisconnected("mail server went away")

    monkeypatch.setattr(EmailBackend, "send_messages", refuse)
    run_worker()
    assert mailoutbox == []

    monkeypatch.setattr(EmailBackend, "send_messages", send)
    a_minute_later()
    run_worker()

    [email] = mailoutbox
    assert accept(client, emailed_link(email)).cohort == facilitator.cohort


def test_an_invitation_revoked_before_the_worker_runs_is_not_sent(client, mailoutbox):
    facilitator = MembershipFactory(role=Role.FACILITATOR)
    invite(client, facilitator)
    invitation = Invitation.objects.get(email=INVITED)
    client.post(reverse("cohorts:invitation_revoke", args=[facilitator.cohort.slug, invitation.pk]))

    run_worker()

    assert mailoutbox == []
