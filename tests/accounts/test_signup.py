import re

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import User
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "correct-horse-battery-staple-9"


def sign_up(client, email="ann@example.org", display_name="Ann Jones", password2=NEW_PASSWORD):
    return client.post(
        reverse("account_signup"),
        {
            "email": email,
            "display_name": display_name,
            "password1": NEW_PASSWORD,
            "password2": password2,
        },
    )


def confirmation_link(message) -> str:
    return re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^\s]+/)", message.body).group(1)


def test_sign_up_sends_a_verification_link_and_keeps_the_display_name(client):
    response = sign_up(client)

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    user = User.objects.get(email="ann@example.org")
    assert user.display_name == "Ann Jones"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ann@example.org"]
    assert "/accounts/confirm-email/" in mail.outbox[0].body


def test_no_sign_in_before_the_address_is_verified(client):
    sign_up(client)
    client.logout()
    mail.outbox.clear()

    response = client.post(
        reverse("account_login"), {"login": "ann@example.org", "password": NEW_PASSWORD}
    )

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert client.get(reverse("accounts:me")).status_code == 302  # still signed out


def test_the_verification_link_verifies_and_then_sign_in_reaches_the_profile(client):
    sign_up(client)
    client.logout()
    link = confirmation_link(mail.outbox[0])

    assert "Confirm" in client.get(link).content.decode()
    client.post(link)
    response = client.post(
        reverse("account_login"), {"login": "ann@example.org", "password": NEW_PASSWORD}
    )

    assert response.status_code == 302
    assert response.url == reverse("accounts:me")
    profile = client.get(reverse("accounts:profile")).content.decode()
    assert "ann@example.org" in profile
    assert "Ann Jones" in profile


def test_a_bad_sign_up_re_shows_what_was_typed_and_saves_nothing(client):
    response = sign_up(client, password2="something-else-entirely")

    assert response.status_code == 200
    page = response.content.decode()
    assert 'value="ann@example.org"' in page
    assert 'value="Ann Jones"' in page
    assert "You must type the same password each time" in page
    assert not User.objects.filter(email="ann@example.org").exists()
    assert mail.outbox == []


def test_signing_up_with_a_known_address_looks_the_same_as_a_new_one(client):
    UserFactory(email="known@example.org")

    known = sign_up(client, email="known@example.org")
    client.logout()
    unknown = sign_up(client, email="new@example.org")

    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url == reverse("account_email_verification_sent")
    assert User.objects.filter(email="known@example.org").count() == 1
    # The owner of the known address is told by email, not the person at the keyboard.
    assert [m.to for m in mail.outbox] == [["known@example.org"], ["new@example.org"]]


def test_sign_out_ends_the_session(client):
    user = UserFactory()
    client.force_login(user)

    response = client.post(reverse("account_logout"))

    assert response.status_code == 302
    assert client.get(reverse("accounts:me")).status_code == 302


def test_password_change_sends_a_security_notice(client):
    user = UserFactory()
    client.force_login(user)

    client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    assert [m.to for m in mail.outbox] == [[user.email]]
    assert "password" in mail.outbox[0].subject.lower()


def test_changing_the_email_address_verifies_the_new_one_and_tells_the_old_one(client):
    user = UserFactory(email="old@example.org")
    client.force_login(user)

    client.post(reverse("account_email"), {"action_add": "", "email": "new@example.org"})
    assert [m.to for m in mail.outbox] == [["new@example.org"]]
    client.post(confirmation_link(mail.outbox[0]))

    user.refresh_from_db()
    assert user.email == "new@example.org"
    assert ["old@example.org"] in [m.to for m in mail.outbox[1:]]


def test_a_display_name_is_required_so_no_email_stands_in_for_a_name(client):
    response = sign_up(client, display_name="")

    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not User.objects.filter(email="ann@example.org").exists()
