import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

ME = reverse("accounts:me")


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(ME)

    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next={ME}"


def test_the_profile_shows_the_login_address(client, user):
    client.force_login(user)

    page = client.get(ME).content.decode()

    assert user.email in page
    assert 'name="display_name"' in page


def test_setting_the_display_name(client, user):
    client.force_login(user)

    response = client.post(ME, {"display_name": "  Dr Nia Evans  "}, follow=True)

    user.refresh_from_db()
    assert user.display_name == "Dr Nia Evans"
    assert "Your profile is saved." in response.content.decode()
    assert "Signed in as Dr Nia Evans" in response.content.decode()


def test_a_too_long_display_name_is_refused_and_kept_in_the_form(client, user):
    client.force_login(user)
    before = user.display_name
    typed = "N" * 101

    response = client.post(ME, {"display_name": typed})

    assert response.status_code == 200
    page = response.content.decode()
    assert f'value="{typed}"' in page
    assert "Ensure this value has at most 100 characters" in page
    user.refresh_from_db()
    assert user.display_name == before
