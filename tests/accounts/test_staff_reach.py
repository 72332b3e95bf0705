"""Staff are the Staff group, not superusers: they change people's names and addresses,
never a password, a group or who may do what, and never sign in as anyone."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from wagtail.permissions import policy_registry

from accounts.groups import EDITORS, FACILITATORS, STAFF, is_programme_staff
from accounts.models import User
from cohorts.models import Cohort
from tests.factories import (
    PASSWORD,
    CohortFactory,
    EntryFactory,
    StaffFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "staff-chose-this-one-77"


def wagtail_edit(pk):
    return reverse("wagtailusers_users:edit", args=[pk])


def django_admin_password(pk):
    return reverse("admin:auth_user_password_change", args=[pk])


@pytest.fixture
def staff_client(client):
    client.force_login(StaffFactory())
    return client


@pytest.fixture
def private_entry(db):
    return EntryFactory(
        body="What I could not say to my manager.",
        body_html="<p>What I could not say to my manager.</p>",
        cycle__inquiry__visibility="private",
    )


def test_the_staff_group_holds_exactly_what_staff_work_needs():
    granted = {
        f"{p.content_type.app_label}.{p.codename}"
        for p in Group.objects.get(name=STAFF).permissions.select_related("content_type")
    }

    assert granted == {
        "wagtailadmin.access_admin",
        "accounts.run_programme",
        "accounts.view_user",
        "accounts.change_user_contact",
        "cohorts.add_issue",
        "cohorts.change_issue",
        "cohorts.view_issue",
        "cohorts.add_organisation",
        "cohorts.change_organisation",
        "cohorts.view_organisation",
        "cohorts.delete_organisation",  # merging removes the duplicate
        "cohorts.add_cohort",
        "cohorts.change_cohort",
        "cohorts.view_cohort",
    }


def test_staff_cannot_reach_the_django_admin_password_form_for_another_person(
    staff_client, private_entry
):
    holder = private_entry.cycle.inquiry.owner
    url = django_admin_password(holder.pk)

    page = staff_client.get(url)
    sent = staff_client.post(url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    assert page.status_code == 302
    assert page.url.startswith(reverse("admin:login"))
    assert sent.status_code == 302
    holder.refresh_from_db()
    assert holder.check_password(PASSWORD)


def test_staff_can_neither_sign_in_as_a_participant_nor_read_their_entries(
    staff_client, private_entry
):
    inquiry = private_entry.cycle.inquiry
    holder = inquiry.owner
    # Every way the admins offer to set someone's password or make them an admin.
    staff_client.post(
        django_admin_password(holder.pk), {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    staff_client.post(
        wagtail_edit(holder.pk),
        {
            "email": holder.email,
            "display_name": holder.display_name,
            "first_name": "A",
            "last_name": "B",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
            "is_active": "on",
            "is_superuser": "on",
            "groups": [Group.objects.get(name=EDITORS).pk],
        },
    )

    holder.refresh_from_db()
    assert holder.check_password(PASSWORD)
    assert not holder.is_superuser
    assert not holder.groups.exists()
    elsewhere = Client()
    signed_in = elsewhere.post(
        reverse("account_login"), {"login": holder.email, "password": NEW_PASSWORD}
    )
    assert signed_in.status_code == 200  # the form again: wrong password
    assert elsewhere.get(reverse("accounts:me")).status_code == 302
    page = staff_client.get(reverse("inquiries:detail", args=[inquiry.pk]))
    assert page.status_code == 404
    assert "could not say" not in page.content.decode()


def test_staff_change_a_persons_names_and_address_in_the_wagtail_admin(staff_client):
    person = UserFactory(email="old@example.org")

    page = staff_client.get(wagtail_edit(person.pk)).content.decode()
    response = staff_client.post(
        wagtail_edit(person.pk),
        {
            "display_name": "Nia Evans",
            "first_name": "Nia",
            "last_name": "Evans",
            "email": "Nia.Evans@Example.org",
        },
    )

    for field in ("display_name", "first_name", "last_name", "email"):
        assert f'name="{field}"' in page
    for field in ("password1", "is_superuser", "is_active", "groups"):
        assert f'name="{field}"' not in page
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.display_name, person.email) == ("Nia Evans", "nia.evans@example.org")


def test_staff_neither_see_nor_change_an_operators_account(staff_client):
    operator = UserFactory(is_staff=True, is_superuser=True, email="operator@example.org")
    person = UserFactory(email="someone@example.org")

    listing = staff_client.get(reverse("wagtailusers_users:index")).content.decode()
    edit = staff_client.post(wagtail_edit(operator.pk), {"email": "staff@example.org"})

    assert person.email in listing
    assert operator.email not in listing
    assert edit.status_code == 404
    operator.refresh_from_db()
    assert operator.email == "operator@example.org"


@pytest.mark.parametrize("action", ["assign_role", "set_active_state", "delete"])
def test_staff_cannot_use_the_bulk_actions_on_people(staff_client, action):
    person = UserFactory()
    url = reverse("wagtail_bulk_action", args=["accounts", "user", action]) + f"?id={person.pk}"

    staff_client.post(
        url,
        {"role": Group.objects.get(name=FACILITATORS).pk, "mark_as_active": "False"},
    )

    person.refresh_from_db()
    assert not person.groups.exists()
    assert person.is_active


def test_wagtail_counts_staff_among_those_who_may_change_people():
    staff, operator, person = StaffFactory(), UserFactory(is_superuser=True), UserFactory()

    may_change = policy_registry.get_by_type(User).users_with_any_permission(["change"])

    assert {staff, operator} <= set(may_change)
    assert person not in may_change


def test_staff_cannot_add_people_or_reach_groups(staff_client):
    assert staff_client.get(reverse("wagtailusers_users:add")).status_code in (302, 403)
    assert staff_client.get(reverse("wagtailusers_groups:index")).status_code in (302, 403)


def test_only_the_staff_group_and_operators_count_as_staff():
    """Django's is_staff means the Django admin only: it opens no cohort."""
    cohort = CohortFactory()
    django_admin_only = UserFactory(is_staff=True)
    facilitator = UserFactory()
    facilitator.groups.add(Group.objects.get(name=FACILITATORS))
    staff, operator = StaffFactory(), UserFactory(is_superuser=True)

    assert [is_programme_staff(p) for p in (django_admin_only, facilitator, staff, operator)] == [
        False,
        False,
        True,
        True,
    ]
    assert not Cohort.objects.visible_to(django_admin_only).filter(pk=cohort.pk).exists()
    assert Cohort.objects.visible_to(staff).filter(pk=cohort.pk).exists()
