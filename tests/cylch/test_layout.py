"""Every page is in the site's own layout, with its landmarks and skip link."""

import pytest
from django.urls import reverse
from django.views.defaults import server_error

pytestmark = pytest.mark.django_db

SKIP_LINK = '<a class="skip-link" href="#main-content">'
MAIN = '<main id="main-content"'

PUBLIC_PAGES = [
    "/",
    reverse("account_login"),
    reverse("account_signup"),
    reverse("account_reset_password"),
    reverse("account_email_verification_sent"),
]
SIGNED_IN_PAGES = [
    reverse("accounts:me"),
    reverse("accounts:profile"),
    reverse("account_email"),
    reverse("account_change_password"),
    reverse("account_logout"),
]


def assert_site_layout(response):
    assert response.status_code == 200
    page = response.content.decode()
    assert SKIP_LINK in page
    assert MAIN in page
    assert '<link rel="stylesheet" href="/static/css/cylch.css' in page
    assert "<footer" in page


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_and_allauth_pages_use_the_site_layout(client, path):
    assert_site_layout(client.get(path))


@pytest.mark.parametrize("path", SIGNED_IN_PAGES)
def test_account_pages_use_the_site_layout(client, user, path):
    client.force_login(user)
    response = client.get(path)
    assert_site_layout(response)
    assert f"Signed in as {user.display_name}" in response.content.decode()


def test_unknown_pages_get_the_friendly_404(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    page = response.content.decode()
    assert "We can’t find that page" in page
    assert SKIP_LINK in page


def test_the_500_page_renders_without_touching_the_database(rf, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = server_error(rf.get("/"))

    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()
