from unittest.mock import patch

import pytest
from django.contrib.auth.hashers import get_hasher
from django.core import mail
from django.test import Client
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


def sign_up(email):
    password = "correct-horse-battery-staple-9"
    form = {"email": email, "display_name": "Ann", "password1": password, "password2": password}
    return Client().post(reverse("account_signup"), form, follow=True)


def test_signing_up_with_a_known_address_does_the_slow_work_of_a_new_one():
    """Nor must the time: hashing the password is most of a new sign-up's (measured by
    bench/signup_timing.py), and each path sends one email through the same backend."""
    UserFactory(email="known@example.org")
    hasher = get_hasher()

    with patch.object(hasher, "encode", wraps=hasher.encode) as encode:
        known = sign_up("known@example.org")
        hashed_for_known = encode.call_count
        unknown = sign_up("nobody@example.org")
        hashed_for_unknown = encode.call_count - hashed_for_known

    assert hashed_for_known == hashed_for_unknown == 1
    assert [m.to for m in mail.outbox] == [["known@example.org"], ["nobody@example.org"]]
    assert known.redirect_chain == unknown.redirect_chain
    assert known.status_code == unknown.status_code == 200
    assert known.content.decode().replace("known", "") == unknown.content.decode().replace(
        "nobody", ""
    )
