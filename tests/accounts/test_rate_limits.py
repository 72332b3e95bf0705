import pytest
from django.urls import reverse

from tests.factories import PASSWORD, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
LOCKED_OUT = "Too many failed login attempts. Try again later."


def fail_to_log_in(client, email, times):
    for _ in range(times):
        response = client.post(LOGIN, {"login": email, "password": "not-the-password"})
        assert response.status_code == 200  # the form again, with its error
        assert LOCKED_OUT not in response.content.decode()


def test_after_five_failures_the_site_login_refuses_even_the_right_password(client):
    user = UserFactory()
    fail_to_log_in(client, user.email, 5)

    response = client.post(LOGIN, {"login": user.email, "password": PASSWORD})

    assert LOCKED_OUT in response.content.decode()
    assert client.get(reverse("accounts:me")).status_code == 302


def test_wagtail_admin_login_is_the_rate_limited_login(client):
    response = client.get("/admin/login/?next=/admin/")

    assert response.status_code == 302
    assert response.url.startswith(LOGIN)
    assert client.get("/admin/").url.startswith(LOGIN)


def test_django_admin_login_is_the_rate_limited_login(client):
    response = client.get("/django-admin/login/?next=/django-admin/")

    assert response.status_code == 302
    assert response.url.startswith(LOGIN)


def test_an_operator_locked_out_cannot_reach_either_admin(client):
    operator = UserFactory(is_staff=True, is_superuser=True)
    fail_to_log_in(client, operator.email, 5)

    admin_login = client.get("/admin/").url
    response = client.post(admin_login, {"login": operator.email, "password": PASSWORD})

    assert LOCKED_OUT in response.content.decode()
    assert client.get("/admin/").status_code == 302
    assert client.get("/django-admin/").status_code == 302


def test_a_staff_member_signs_in_to_the_wagtail_admin_through_the_site_login(client):
    staff = StaffFactory()

    response = client.post(
        f"{LOGIN}?next=/admin/", {"login": staff.email, "password": PASSWORD}, follow=True
    )

    assert response.redirect_chain[-1][0] == "/admin/"
    assert response.status_code == 200
