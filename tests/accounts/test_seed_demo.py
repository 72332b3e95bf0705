import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core.management import call_command

from accounts.demo import DEMO_PASSWORD, DEMO_PEOPLE
from accounts.groups import EDITORS, FACILITATORS
from accounts.models import User

pytestmark = pytest.mark.django_db


def snapshot():
    """Every demo row a person could notice, so a second run that changes any shows."""
    from cohorts.models import Cohort, CohortEvent, ExpressionOfInterest, Issue, Membership

    related = [
        sorted(Issue.objects.values_list("pk", "slug", "summary")),
        sorted(Cohort.objects.values_list("pk", "slug", "status", "issue")),
        sorted(Membership.objects.values_list("pk", "user", "cohort", "role", "organisation")),
        sorted(ExpressionOfInterest.objects.values_list("pk", "user", "issue")),
        CohortEvent.objects.count(),
    ]
    return (
        related
        + sorted(
            (
                u.pk,
                u.email,
                u.display_name,
                u.password,
                u.is_staff,
                tuple(u.groups.values_list("name")),
            )
            for u in User.objects.all()
        )
        + sorted(EmailAddress.objects.values_list("pk", "email", "verified", "primary"))
    )


def test_seed_demo_creates_a_person_for_every_role_who_can_sign_in(client):
    call_command("seed_demo")

    emails = [email for email, *_rest in DEMO_PEOPLE]
    assert User.objects.filter(email__in=emails).count() == len(DEMO_PEOPLE)
    assert (
        Group.objects.get(name=FACILITATORS)
        .user_set.filter(email="facilitator@example.com")
        .exists()
    )
    assert Group.objects.get(name=EDITORS).user_set.filter(email="editor@example.com").exists()
    assert User.objects.get(email="staff@example.com").is_staff
    response = client.post(
        "/accounts/login/", {"login": "participant@example.com", "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302
    assert response.url == "/me/"


def test_seed_demo_twice_changes_nothing(capsys):
    call_command("seed_demo")
    first = snapshot()

    call_command("seed_demo")

    assert snapshot() == first
    output = capsys.readouterr().out
    assert f"0 created, {len(DEMO_PEOPLE)} already there" in output
    assert "0 memberships added" in output


def test_seed_demo_if_empty_leaves_a_used_database_alone(capsys):
    User.objects.create_user(email="someone@example.org", password="x-long-password-1")

    call_command("seed_demo", if_empty=True)

    assert User.objects.count() == 1
    assert "no demo data added" in capsys.readouterr().out
