import pytest
from django.urls import reverse

from accounts.forms import SignupExtraForm

pytestmark = pytest.mark.django_db

ME = reverse("accounts:profile")


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


@pytest.mark.parametrize("typed", ["Nia\nEvans", "Nia\r\nEvans", "Nia\x1bEvans", "Nia\x85Evans"])
def test_a_display_name_must_be_one_line_without_control_characters(client, user, typed):
    client.force_login(user)
    before = user.display_name

    response = client.post(ME, {"display_name": typed})

    assert response.status_code == 200
    assert "This must be one line" in response.content.decode()
    user.refresh_from_db()
    assert user.display_name == before
    signup = SignupExtraForm(data={"display_name": typed})
    assert not signup.is_valid()
    assert "This must be one line" in str(signup.errors["display_name"])
