"""Signing up, confirming the email and signing in keep where the person was going
(issue 11, item 3): from an issue's "I'm interested", they come back to it."""

import pytest
from django.core import mail
from django.urls import reverse

from tests.accounts.test_signup import NEW_PASSWORD, confirmation_link
from tests.factories import PASSWORD, IssueFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def issue(db):
    return IssueFactory(slug="ageing-well")


def test_sign_in_from_the_interest_form_comes_back_to_it(client, issue, user):
    page = client.get(issue.get_absolute_url()).content.decode()
    next_ = "next=/issues/ageing-well/%23interest"
    assert f'href="{reverse("account_login")}?{next_}"' in page

    response = client.post(
        f"{reverse('account_login')}?{next_}", {"login": user.email, "password": PASSWORD}
    )
    assert response.url == "/issues/ageing-well/#interest"


def test_sign_up_and_confirmation_come_back_to_the_issue(client, issue):
    page = client.get(issue.get_absolute_url()).content.decode()
    assert f'href="{reverse("account_signup")}?next=/issues/ageing-well/%23interest"' in page

    client.post(
        f"{reverse('account_signup')}?next=/issues/ageing-well/%23interest",
        {
            "email": "ann@example.org",
            "display_name": "Ann Jones",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
    )
    response = client.post(confirmation_link(mail.outbox[0]))

    assert response.status_code == 302
    assert response.url == "/issues/ageing-well/#interest"
    assert client.get(reverse("accounts:me")).status_code == 200  # signed in
