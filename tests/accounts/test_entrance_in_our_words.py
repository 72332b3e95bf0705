"""Sign-up, sign-in and their emails in Cylch's design and words, not allauth's defaults."""

import re

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# allauth's own words, which the site says otherwise ("Sign in", "Create an account").
DEFAULT_WORDS = re.compile(
    r"Sign In|Sign Up|Signup|Sign Out|Password Reset|Verify Your|Remember Me"
)
HOST = "testserver"


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def test_the_sign_up_page_says_create_an_account_and_shows_the_password_rules(client):
    page = soup_of(client.get(reverse("account_signup")))

    assert page.title.string == "Create an account · Cylch"
    assert page.h1.get_text(strip=True) == "Create an account"
    assert page.find("main").find("button", type="submit").get_text(strip=True) == (
        "Create an account"
    )
    password = page.find(id="id_password1")
    rules = page.find(id="id_password1_helptext")
    assert "id_password1_helptext" in password["aria-describedby"]
    assert "at least 8 characters" in rules.get_text()
    assert rules.find_next("input") is password  # beside the field, before it
    assert not page.find_all(attrs={"placeholder": True})


def test_the_sign_in_page_says_sign_in(client):
    page = soup_of(client.get(reverse("account_login")))

    assert page.title.string == "Sign in · Cylch"
    assert page.h1.get_text(strip=True) == "Sign in"
    assert page.find("main").find("button", type="submit").get_text(strip=True) == "Sign in"
    assert page.find("a", string="Create an account")
    assert page.find("a", string="Forgotten your password?")


@pytest.mark.parametrize(
    "name",
    [
        "account_login",
        "account_signup",
        "account_reset_password",
        "account_reset_password_done",
        "account_email_verification_sent",
        "account_logout",
        "account_change_password",
        "account_email",
    ],
)
def test_no_account_page_keeps_allauths_words_or_placeholders(client, user, name):
    if name in {"account_logout", "account_change_password", "account_email"}:
        client.force_login(user)

    main = soup_of(client.get(reverse(name))).find("main")

    assert not DEFAULT_WORDS.search(main.get_text())
    assert not main.find_all(attrs={"placeholder": True})


def the_body_without_links(message):
    return re.sub(r"https?://\S+", "", message.body)


def test_the_confirmation_email_names_cylch_and_never_the_host(client):
    client.post(
        reverse("account_signup"),
        {
            "email": "ann@example.org",
            "display_name": "Ann Jones",
            "password1": "correct-horse-battery-staple-9",
            "password2": "correct-horse-battery-staple-9",
        },
    )

    (message,) = mail.outbox
    assert message.subject == "[Cylch] Confirm your email address"
    assert "Cylch" in message.body
    assert "Hello from" not in message.body
    assert HOST not in the_body_without_links(message)
    assert "/accounts/confirm-email/" in message.body


@pytest.mark.parametrize("known", [True, False], ids=["known", "unknown"])
def test_the_password_reset_email_names_cylch_and_never_the_host(client, known):
    email = UserFactory().email if known else "nobody@example.org"

    client.post(reverse("account_reset_password"), {"email": email})

    (message,) = mail.outbox
    assert message.subject.startswith("[Cylch] ")
    assert "Cylch" in message.body
    assert HOST not in the_body_without_links(message)
    assert not DEFAULT_WORDS.search(message.subject)
