import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse

from cohorts.forms import InterestForm
from cohorts.models import Cohort, Membership, Organisation, Role
from tests.factories import CohortFactory, IssueFactory, MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_one_membership_per_person_and_cohort_is_held_by_the_database():
    membership = MembershipFactory()

    with pytest.raises(IntegrityError):
        Membership.objects.create(user=membership.user, cohort=membership.cohort, role=Role.COACH)


def test_a_cohort_must_end_after_it_starts_in_the_database():
    with pytest.raises(IntegrityError):
        CohortFactory(starts_on=datetime.date(2027, 1, 1), ends_on=datetime.date(2027, 1, 1))


def test_the_same_rule_is_a_clear_message_in_validation():
    cohort = Cohort(
        name="X",
        slug="x",
        issue=IssueFactory(),
        place="Y",
        starts_on=datetime.date(2027, 1, 2),
        ends_on=datetime.date(2027, 1, 1),
    )

    with pytest.raises(ValidationError, match="A cohort must end after it starts."):
        cohort.full_clean()


def test_creating_a_cohort_with_bad_dates_keeps_what_was_typed(client, people):
    client.force_login(people.facilitator)

    response = client.post(
        reverse("cohorts:cohort_create", args=[people.issue.slug]),
        {
            "name": "Bangor 2027",
            "place": "Bangor",
            "starts_on": "2027-05-01",
            "ends_on": "2027-04-01",
            "capacity": "12",
        },
    )

    page = response.content.decode()
    assert "The cohort must end after it starts." in page
    assert 'value="Bangor 2027"' in page
    assert not Cohort.objects.filter(name="Bangor 2027").exists()


def test_creating_a_cohort_makes_its_creator_the_facilitator(client, people):
    client.force_login(people.facilitator)

    response = client.post(
        reverse("cohorts:cohort_create", args=[people.issue.slug]),
        {
            "name": "Bangor 2027",
            "place": "Bangor",
            "starts_on": "2027-01-01",
            "ends_on": "2027-06-30",
            "capacity": "12",
        },
    )

    cohort = Cohort.objects.get(name="Bangor 2027")
    assert cohort.slug == "bangor-2027"
    assert cohort.status == "forming"
    assert response.url == reverse("cohorts:invitations", args=[cohort.slug])
    assert cohort.memberships.get().role == Role.FACILITATOR
    assert cohort.events.filter(kind="created").exists()


@pytest.mark.parametrize(
    ("make", "field", "typed"),
    [
        (IssueFactory, "title", "Drugs in\nWrexham"),
        (IssueFactory, "summary", "What it is\x1b about"),
        (CohortFactory, "name", "Wrexham\t2026"),
        (CohortFactory, "place", "Wrex\x07ham"),
        (OrganisationFactory, "name", "North Wales\r\nPolice"),
    ],
)
def test_names_and_titles_refuse_control_characters(make, field, typed):
    thing = make()
    setattr(thing, field, typed)

    with pytest.raises(ValidationError) as refused:
        thing.full_clean()

    assert list(refused.value.message_dict) == [field]


def test_an_issue_summary_may_run_over_several_lines():
    issue = IssueFactory(summary="What it is about.\n\nWhy it matters.")

    issue.full_clean()


def test_a_typed_organisation_name_must_be_one_line():
    form = InterestForm(
        data={
            "new_organisation": "Wrexham\x1bFoodbank",
            "role_in_organisation": "Volunteer",
            "wants_to_work_on": "Reaching people sooner.",
        }
    )

    assert not form.is_valid()
    assert "This must be one line" in str(form.errors["new_organisation"])


def test_an_organisations_sector_is_shown_by_its_name_or_as_stored_if_no_longer_a_choice():
    assert Organisation(name="Gwent Police", sector="police").get_sector_display() == (
        "Police and justice"
    )
    assert Organisation(name="Old one", sector="retired").get_sector_display() == "retired"
