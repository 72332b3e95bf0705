"""A password or email address changed by someone other than its holder: the holder is
told by email and the change is logged, in a log superusers read and nobody edits."""

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from accounts.models import AccountChange, AccountChangeRecord
from accounts.services import account_change_record
from tests.factories import PASSWORD, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "set-by-someone-else-31"
LOG = "admin:accounts_accountchangerecord"


@pytest.fixture
def operator(db):
    return UserFactory(is_staff=True, is_superuser=True, display_name="Olu Operator")


@pytest.fixture
def holder(db):
    return UserFactory(email="holder@example.org", display_name="Hana Holder")


@pytest.fixture
def send_after_commit(django_capture_on_commit_callbacks):
    """Requests run inside the test's transaction: run what waits for the commit."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def only_record():
    record = AccountChangeRecord.objects.get()
    return record.actor, record.holder, record.what, record.old_email, record.new_email


def test_an_operator_setting_a_password_in_the_django_admin_tells_the_holder_and_logs_it(
    client, operator, holder, send_after_commit
):
    client.force_login(operator)

    with send_after_commit():
        response = client.post(
            reverse("admin:auth_user_password_change", args=[holder.pk]),
            {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        )

    assert response.status_code == 302
    assert only_record() == (operator, holder, AccountChange.PASSWORD, "", "")
    [notice] = mail.outbox
    assert notice.to == ["holder@example.org"]
    assert notice.subject == "[Cylch] Someone else changed your password"
    assert "Olu Operator changed the password of your Cylch account" in notice.body
    assert "/accounts/password/reset/" in notice.body
    assert NEW_PASSWORD not in notice.body


def test_an_operator_changing_an_address_in_the_django_admin_tells_both_addresses(
    client, operator, holder, send_after_commit
):
    client.force_login(operator)

    with send_after_commit():
        response = client.post(
            reverse("admin:accounts_user_change", args=[holder.pk]),
            {
                "email": "elsewhere@example.org",
                "display_name": holder.display_name,
                "is_active": "on",
                "date_joined_0": "2026-01-05",
                "date_joined_1": "09:00:00",
            },
        )

    assert response.status_code == 302
    assert only_record() == (
        operator,
        holder,
        AccountChange.EMAIL,
        "holder@example.org",
        "elsewhere@example.org",
    )
    [notice] = mail.outbox
    assert notice.to == ["elsewhere@example.org", "holder@example.org"]
    assert "Before: holder@example.org" in notice.body
    assert "After: elsewhere@example.org" in notice.body


def test_an_operator_setting_a_password_in_the_wagtail_admin_is_logged_too(
    client, operator, holder, send_after_commit
):
    client.force_login(operator)

    with send_after_commit():
        client.post(
            reverse("wagtailusers_users:edit", args=[holder.pk]),
            {
                "email": holder.email,
                "first_name": "Hana",
                "last_name": "Holder",
                "password1": NEW_PASSWORD,
                "password2": NEW_PASSWORD,
                "is_active": "on",
            },
        )

    holder.refresh_from_db()
    assert holder.check_password(NEW_PASSWORD)
    assert only_record() == (operator, holder, AccountChange.PASSWORD, "", "")
    assert [m.to for m in mail.outbox] == [["holder@example.org"]]


def test_staff_changing_an_address_in_the_wagtail_admin_tell_the_holder(
    client, holder, send_after_commit
):
    staff = StaffFactory()
    client.force_login(staff)

    with send_after_commit():
        client.post(
            reverse("wagtailusers_users:edit", args=[holder.pk]),
            {"display_name": "Hana Holder", "email": "hana@example.org"},
        )

    assert only_record() == (
        staff,
        holder,
        AccountChange.EMAIL,
        "holder@example.org",
        "hana@example.org",
    )
    assert [m.to for m in mail.outbox] == [["hana@example.org", "holder@example.org"]]


def test_an_address_added_to_someone_elses_account_in_the_django_admin_is_logged(
    client, operator, holder, send_after_commit
):
    client.force_login(operator)

    with send_after_commit():
        client.post(
            reverse("admin:account_emailaddress_add"),
            {"user": holder.pk, "email": "operator-owned@example.org", "verified": "on"},
        )

    assert EmailAddress.objects.filter(user=holder, email="operator-owned@example.org").exists()
    assert only_record() == (
        operator,
        holder,
        AccountChange.EMAIL,
        "",
        "operator-owned@example.org",
    )
    assert "operator-owned@example.org" in mail.outbox[0].to


def test_changing_your_own_password_through_the_site_is_not_logged(client, holder):
    client.force_login(holder)

    client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    holder.refresh_from_db()
    assert holder.check_password(NEW_PASSWORD)
    assert not AccountChangeRecord.objects.exists()
    assert [m.to for m in mail.outbox] == [["holder@example.org"]]  # allauth's own notice


def test_deleting_an_account_keeps_its_log_and_adds_nothing_to_it(client, operator, holder):
    client.force_login(operator)
    account_change_record(actor=operator, holder=holder, what=AccountChange.PASSWORD)

    response = client.post(
        reverse("admin:accounts_user_delete", args=[holder.pk]), {"post": "yes", "byline": "former"}
    )

    assert response.status_code == 302
    record = AccountChangeRecord.objects.get()
    assert (record.holder, record.holder_email) == (None, "holder@example.org")


@pytest.fixture
def record(operator, holder):
    return account_change_record(actor=operator, holder=holder, what=AccountChange.PASSWORD)


def test_superusers_read_the_log(client, operator, record):
    client.force_login(operator)

    listing = client.get(reverse(f"{LOG}_changelist"))

    assert listing.status_code == 200
    assert "holder@example.org" in listing.content.decode()


def test_nobody_edits_the_log_not_even_a_superuser(client, operator, record):
    client.force_login(operator)

    added = client.post(reverse(f"{LOG}_add"), {"actor_email": "x@example.org"})
    changed = client.post(
        reverse(f"{LOG}_change", args=[record.pk]), {"holder_email": "x@example.org"}
    )
    deleted = client.post(reverse(f"{LOG}_delete", args=[record.pk]), {"post": "yes"})
    bulk_deleted = client.post(
        reverse(f"{LOG}_changelist"),
        {"action": "delete_selected", "_selected_action": [record.pk], "post": "yes"},
    )

    assert (added.status_code, changed.status_code, deleted.status_code) == (403, 403, 403)
    assert bulk_deleted.status_code in (200, 302)
    assert list(AccountChangeRecord.objects.values_list("holder_email", flat=True)) == [
        "holder@example.org"
    ]
    with pytest.raises(ValueError, match="never changed"):
        record.save()
    with pytest.raises(ValueError, match="never deleted"):
        record.delete()


def test_staff_do_not_read_the_log(client, record):
    client.force_login(StaffFactory())

    assert client.get(reverse(f"{LOG}_changelist")).status_code == 302
