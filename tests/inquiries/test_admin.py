"""Staff see in the Wagtail admin that an inquiry exists, never what is written in it."""

import pytest
from django.contrib.auth.models import Group, Permission

from tests.factories import EntryFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

LISTING = "/admin/snippets/inquiries/inquiry/"


@pytest.fixture
def entry(db):
    return EntryFactory(
        body="A private worry about my manager.",
        body_html="<p>A private worry about my manager.</p>",
        cycle__intention="Talk to my manager about the rota.",
        cycle__inquiry__visibility="private",
        cycle__inquiry__title="Rota and referrals",
    )


def test_staff_see_title_owner_and_cohort_but_no_entry(client, entry):
    inquiry = entry.cycle.inquiry
    client.force_login(StaffFactory())

    response = client.get(LISTING)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Rota and referrals" in page
    assert inquiry.cohort.name in page
    assert str(inquiry.owner) in page
    assert "private worry" not in page
    assert "Talk to my manager" not in page
    assert f"{LISTING}edit/{inquiry.pk}/" not in page


@pytest.mark.parametrize("action", ["add/", "edit/{pk}/", "delete/{pk}/", "inspect/{pk}/"])
def test_staff_cannot_open_add_edit_delete_or_inspect(client, entry, action):
    client.force_login(StaffFactory())

    response = client.get(LISTING + action.format(pk=entry.cycle.inquiry.pk))

    assert response.status_code in (302, 403, 404)
    assert "private worry" not in response.content.decode()
    assert "Rota and referrals" not in response.content.decode()


def test_an_editor_with_admin_access_but_not_staff_does_not_see_the_listing(client, entry):
    editors = Group.objects.create(name="Some editors")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    editor = UserFactory()
    editor.groups.add(editors)
    client.force_login(editor)

    response = client.get(LISTING)

    assert response.status_code in (302, 403)
    assert "Rota and referrals" not in response.content.decode()


def test_the_django_admin_has_no_inquiries_either(client, entry):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))  # only operators reach it

    assert client.get("/django-admin/inquiries/").status_code == 404
