"""Staff deleting an account, in the Django admin or Wagtail's, one at a time or several:
the same service as /me/delete/, the same refusals, and a page that counts what goes
without naming any of it."""

import re
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.test import Client
from django.urls import reverse
from wagtail.models import ModelLogEntry

import inquiries.personal_data
from cms.models import WeeknoteAuthor
from cohorts.models import Membership, Role
from inquiries.models import Comment
from tests.accounts.nia import EMAIL, grow, make_nia, what_nia_has
from tests.factories import PASSWORD, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

User = get_user_model()

# What the person wrote or where they took part: none of it may be on the page.
NEVER_SHOWN = [
    "secret",  # their inquiries' titles and entries
    "answered words",  # their comments
    "Dai",  # who answered them
    "Looks good",  # who commented on their draft, and what
    "Wrexham 2026",  # their cohort
    "bus station",  # their weeknotes
]


@dataclass(frozen=True)
class Way:
    """One of the four ways staff delete accounts: the page that asks, then the answer."""

    name: str
    bulk: bool

    def ask(self, client, people):
        pks = [person.pk for person in people]
        match self.name:
            case "django":
                return client.get(reverse("admin:accounts_user_delete", args=pks))
            case "django-bulk":
                changelist = reverse("admin:accounts_user_changelist")
                return client.post(
                    changelist, {"action": "delete_selected", "_selected_action": pks}
                )
            case "wagtail":
                return client.get(reverse("wagtailusers_users:delete", args=pks))
            case "wagtail-bulk":
                return client.get(wagtail_bulk(pks))

    def confirm(self, client, people, byline="former"):
        pks = [person.pk for person in people]
        match self.name:
            case "django":
                url = reverse("admin:accounts_user_delete", args=pks)
                return client.post(url, {"post": "yes", "byline": byline})
            case "django-bulk":
                return client.post(
                    reverse("admin:accounts_user_changelist"),
                    {
                        "action": "delete_selected",
                        "_selected_action": pks,
                        "post": "yes",
                        "byline": byline,
                    },
                )
            case "wagtail":
                url = reverse("wagtailusers_users:delete", args=pks)
                return client.post(url, {"byline": byline})
            case "wagtail-bulk":
                return client.post(wagtail_bulk(pks), {"byline": byline})


def wagtail_bulk(pks):
    url = reverse("wagtail_bulk_action", args=["accounts", "user", "delete"])
    return url + "?" + "&".join(f"id={pk}" for pk in pks)


WAYS = [
    Way("django", bulk=False),
    Way("django-bulk", bulk=True),
    Way("wagtail", bulk=False),
    Way("wagtail-bulk", bulk=True),
]


@pytest.fixture(params=WAYS, ids=lambda way: way.name)
def way(request):
    return request.param


@pytest.fixture
def nia(db):
    return make_nia()


@pytest.fixture
def operator(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


def exists(person) -> bool:
    return User.objects.filter(pk=person.pk).exists()


def make_last_facilitator(nia):
    Membership.objects.filter(cohort=nia.cohort, role=Role.FACILITATOR).delete()
    Membership.objects.filter(user=nia.me).update(role=Role.FACILITATOR)


@pytest.mark.parametrize("more", [0, 3])
def test_the_page_counts_what_goes_and_names_none_of_it(
    operator, nia, way, more, django_assert_max_num_queries
):
    grow(nia, more)

    with django_assert_max_num_queries(40):
        page = way.ask(operator, [nia.me]).content.decode()

    for line in (
        f"{2 + more} inquiries",
        f"{2 + more} entries",
        f"{2 + 2 * more} comments",
        f"{1 + more} weeknote draft",
    ):
        assert line in page
    assert EMAIL in page  # whose account it is
    for words in NEVER_SHOWN:
        assert words not in page
    assert re.search(r'<input [^>]*value="former"[^>]*checked', page)  # the safe default
    assert "Yes, delete" in page


def what_remains() -> dict:
    """Every row left in the database, by model, but the logs of who did what."""
    logs = {
        "sessions.session",
        "admin.logentry",
        "wagtailcore.modellogentry",
        "wagtailcore.pagelogentry",
    }
    rows = {
        model._meta.label_lower: set(model._base_manager.values_list("pk", flat=True))
        for model in apps.get_models()
        if model._meta.label_lower not in logs
    }
    rows["bylines"] = sorted(WeeknoteAuthor.objects.values_list("page_id", "name"))
    rows["comments"] = sorted(Comment.objects.values_list("pk", "body"))
    return rows


def test_confirming_removes_exactly_what_deleting_ones_own_account_removes(operator, nia, way):
    with transaction.atomic():  # the person's own deletion, undone once seen
        holder = Client()
        holder.force_login(nia.me)
        holder.post(reverse("accounts:delete"), {"password": PASSWORD, "byline": "former"})
        assert not exists(nia.me)
        expected = what_remains()
        transaction.set_rollback(True)
    assert exists(nia.me)

    response = way.confirm(operator, [nia.me])

    assert response.status_code == 302
    assert not exists(nia.me)
    assert what_remains() == expected


def test_the_last_facilitator_of_a_running_cohort_is_refused(operator, nia, way):
    make_last_facilitator(nia)
    others = [UserFactory()] if way.bulk else []  # several at once: all of them, or none

    page = way.ask(operator, [nia.me, *others]).content.decode()
    response = way.confirm(operator, [nia.me, *others])

    refusal = "Nia is the only facilitator of Wrexham 2026. Make someone else a facilitator"
    assert refusal in page
    assert "Yes, delete" not in page
    assert refusal in response.content.decode()
    assert all(exists(person) for person in [nia.me, *others])


def test_staff_without_the_permission_to_delete_cannot_reach_it(client, nia, way):
    staff = StaffFactory(is_staff=True)  # into the Django admin too, but no delete_user
    client.force_login(staff)

    asked = way.ask(client, [nia.me])
    way.confirm(client, [nia.me])

    # Refused, or (the Django admin's list) the action is not offered.
    assert asked.status_code in (302, 403) or "delete_selected" not in asked.content.decode()
    assert "2 inquiries" not in asked.content.decode()
    assert exists(nia.me)
    assert what_nia_has(nia.me)["inquiries"] == 2


def test_a_failure_midway_leaves_everything_as_it_was(operator, nia, way, monkeypatch):
    others = [UserFactory()] if way.bulk else []
    before = what_remains()
    real = inquiries.personal_data.delete

    def fails_after_its_part(user, choices):
        real(user, choices)
        raise RuntimeError("the database went away")

    monkeypatch.setattr(inquiries.personal_data, "delete", fails_after_its_part)
    operator.raise_request_exception = True

    with pytest.raises(RuntimeError):
        way.confirm(operator, [*others, nia.me])

    assert what_remains() == before
    assert Comment.objects.get(pk=nia.answered.pk).body == "Nia's answered words."


def test_the_admins_logs_name_the_deleted_account_by_number_not_by_name(operator, nia, way):
    """Each admin logs the deletion (and any earlier change) naming the account as it was
    then: the name, or the address when it had none. Afterwards only its number stays."""
    nameless = UserFactory(display_name="", first_name="", last_name="")
    people = [nia.me, nameless] if way.bulk else [nameless]
    content_type = ContentType.objects.get_for_model(User)
    numbers = [str(person.pk) for person in people]

    way.confirm(operator, people)

    logged = [
        *LogEntry.objects.filter(content_type=content_type, object_id__in=numbers),
        *ModelLogEntry.objects.filter(content_type=content_type, object_id__in=numbers),
    ]
    assert logged  # the deletion is on record, in the admin where it was done
    said = {getattr(entry, "object_repr", None) or entry.label for entry in logged}
    assert said <= {f"Deleted account {number}" for number in numbers}
