"""Staff see in the Wagtail admin that an inquiry exists, never what is written in it."""

import pytest
from django.contrib.auth.models import Group, Permission

from accounts.groups import EDITORS, FACILITATORS
from tests.factories import EntryFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

LISTING = "/admin/snippets/inquiries/inquiry/"
CHOOSER = "/admin/snippets/choose/inquiries/inquiry/"
BULK_DELETE = "/admin/bulk/inquiries/inquiry/delete/"


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


@pytest.mark.parametrize("group", [EDITORS, FACILITATORS])
def test_no_chooser_or_bulk_action_names_an_inquiry_to_others_with_admin_access(
    client, entry, group
):
    person = UserFactory()
    person.groups.add(Group.objects.get(name=group))
    client.force_login(person)
    pk = entry.cycle.inquiry.pk

    chosen = client.get(f"{CHOOSER}chosen/{pk}/")
    bulk_delete = client.get(f"{BULK_DELETE}?id={pk}")
    others = [
        client.get(CHOOSER),
        client.get(f"{CHOOSER}results/?q=rota"),
        client.get(f"{CHOOSER}chosen-multiple/?id={pk}"),
    ]

    assert chosen.status_code == 404
    assert bulk_delete.status_code in (302, 403)  # Wagtail turns 403 into a redirect
    assert all(response.status_code == 200 for response in others)
    for response in [chosen, bulk_delete, *others]:
        assert "Rota and referrals" not in response.content.decode()


def test_staff_choose_an_inquiry_by_its_title_alone_and_delete_none(client, entry):
    client.force_login(StaffFactory())
    pk = entry.cycle.inquiry.pk

    chosen = client.get(f"{CHOOSER}chosen/{pk}/")

    assert chosen.json()["result"]["string"] == "Rota and referrals"
    assert "Talk to my manager" not in client.get(CHOOSER).content.decode()
    assert client.get(f"{BULK_DELETE}?id={pk}").status_code in (302, 403)
