import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def request_reset(client, email):
    return client.post(reverse("account_reset_password"), {"email": email}, follow=True)


def test_password_reset_answers_the_same_for_known_and_unknown_addresses(client):
    UserFactory(email="known@example.org")

    known = request_reset(client, "known@example.org")
    unknown = request_reset(client, "nobody@example.org")

    assert known.redirect_chain == unknown.redirect_chain
    assert known.status_code == unknown.status_code == 200
    assert known.content.decode().replace("known", "") == unknown.content.decode().replace(
        "nobody", ""
    )


def test_only_the_owner_of_a_known_address_gets_a_reset_link(client):
    UserFactory(email="known@example.org")

    request_reset(client, "known@example.org")
    request_reset(client, "nobody@example.org")

    by_recipient = {message.to[0]: message.body for message in mail.outbox}
    assert "/accounts/password/reset/key/" in by_recipient["known@example.org"]
    assert "/accounts/password/reset/key/" not in by_recipient.get("nobody@example.org", "")
