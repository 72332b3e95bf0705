"""With a worker (production), inviting answers at once and the worker sends the link."""

import pytest
from django.urls import reverse

from cohorts.models import Role
from tests.background import run_worker
from tests.factories import MembershipFactory

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("database_queue"),
]


def test_an_invitation_is_answered_before_its_email_goes_and_the_worker_sends_its_link(
    client, mailoutbox
):
    facilitator = MembershipFactory(role=Role.FACILITATOR)
    client.force_login(facilitator.user)

    response = client.post(
        reverse("cohorts:invitations", args=[facilitator.cohort.slug]),
        {"email": "someone@example.org", "role": Role.PARTICIPANT},
    )

    assert response.status_code == 302
    assert "Invitation sent to someone@example.org" in client.get(response.url).content.decode()
    assert mailoutbox == []
    run_worker()
    [email] = mailoutbox
    assert email.to == ["someone@example.org"]
    link = next(word for word in email.body.split() if "/invitations/" in word)
    assert link in email.alternatives[0][0]
    client.logout()
    welcome = client.get(link)
    assert welcome.templates[0].name == "cohorts/invitation_welcome.html"  # the link works
