"""The public issue pages, and saying "I'm interested"."""

import re

import pytest
from django.urls import reverse

from cohorts.models import ExpressionOfInterest, Organisation
from tests.factories import (
    CohortFactory,
    ExpressionOfInterestFactory,
    IssueFactory,
    MembershipFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db


def test_the_issue_list_is_public_with_an_empty_state(client):
    assert "No shared issues have been published yet." in client.get("/issues/").content.decode()

    issue = IssueFactory(title="Ageing well")
    page = client.get("/issues/").content.decode()

    assert "Ageing well" in page
    assert issue.get_absolute_url() in page


def test_an_issue_page_gives_counts_of_cohorts_never_names_of_people(client):
    cohort = CohortFactory(name="Rhyl 2026", place="Rhyl")
    police = OrganisationFactory(name="North Wales Police", sector="police")
    members = [
        MembershipFactory(cohort=cohort, organisation=police),
        MembershipFactory(cohort=cohort, organisation=police),
        MembershipFactory(cohort=cohort),
    ]

    page = client.get(cohort.issue.get_absolute_url()).content.decode()

    assert "Rhyl 2026" in page
    assert "Rhyl" in page
    row = page[page.index("Rhyl 2026") :][:800]
    cells = [cell.strip() for cell in re.findall(r"<td[^>]*>([^<]*)", row)]
    assert [cells[3][:1], cells[4][:1], cells[5][:1]] == ["3", "2", "2"]  # members, orgs, sectors
    for membership in members:
        assert membership.user.public_name not in page
        assert membership.user.email not in page
    assert "North Wales Police" not in page


def test_an_unknown_issue_is_404(client):
    assert client.get("/issues/nothing-here/").status_code == 404


def test_anonymous_visitors_are_invited_to_sign_in_to_express_interest(client):
    issue = IssueFactory()

    page = client.get(issue.get_absolute_url()).content.decode()

    assert "to say so." in page
    assert 'name="wants_to_work_on"' not in page


def express(client, issue, **data):
    return client.post(reverse("cohorts:interest_save", args=[issue.slug]), data, follow=True)


def test_saying_i_am_interested_with_an_organisation_from_the_list(client, user):
    issue = IssueFactory()
    organisation = OrganisationFactory()
    client.force_login(user)

    response = express(
        client,
        issue,
        organisation=organisation.pk,
        role_in_organisation="Paramedic",
        wants_to_work_on="Frequent callers.",
    )

    interest = ExpressionOfInterest.objects.get(user=user, issue=issue)
    assert interest.organisation == organisation
    page = response.content.decode()
    assert "Thank you: your interest is saved." in page
    assert "Withdraw my interest" in page


def test_a_new_organisation_name_creates_an_unverified_one_once(client, user):
    issue = IssueFactory()
    OrganisationFactory(name="Shelter Cymru")
    client.force_login(user)

    express(
        client,
        issue,
        new_organisation="  shelter   cymru ",
        role_in_organisation="Adviser",
        wants_to_work_on="Housing first.",
    )
    express(
        client,
        IssueFactory(),
        new_organisation="Wrexham Foodbank",
        role_in_organisation="Volunteer",
        wants_to_work_on="Food.",
    )

    assert Organisation.objects.filter(name__iexact="shelter cymru").count() == 1
    foodbank = Organisation.objects.get(name="Wrexham Foodbank")
    assert not foodbank.verified


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (
            {"role_in_organisation": "Nurse", "wants_to_work_on": "Falls."},
            "Pick your organisation, or type its name below.",
        ),
        (
            {"new_organisation": "X", "role_in_organisation": "", "wants_to_work_on": "Falls."},
            "This field is required.",
        ),
        (
            {
                "new_organisation": "X",
                "role_in_organisation": "Nurse",
                "wants_to_work_on": "w" * 2001,
            },
            "Ensure this value has at most 2000 characters",
        ),
    ],
)
def test_bad_interest_is_refused_and_what_was_typed_kept(client, user, data, error):
    issue = IssueFactory()
    client.force_login(user)

    response = express(client, issue, **data)

    page = response.content.decode()
    assert error in page
    for value in data.values():
        if value and len(value) < 100:
            assert value in page
    assert not ExpressionOfInterest.objects.exists()


def test_picking_and_typing_an_organisation_is_refused(client, user):
    client.force_login(user)

    response = express(
        client,
        IssueFactory(),
        organisation=OrganisationFactory().pk,
        new_organisation="Other",
        role_in_organisation="Nurse",
        wants_to_work_on="Falls.",
    )

    assert "not both" in response.content.decode()
    assert not ExpressionOfInterest.objects.exists()


def test_saying_it_again_updates_rather_than_duplicates(client, user):
    interest = ExpressionOfInterestFactory(user=user)
    client.force_login(user)

    express(
        client,
        interest.issue,
        organisation=interest.organisation.pk,
        role_in_organisation="Inspector",
        wants_to_work_on="Night-time economy.",
    )

    interest.refresh_from_db()
    assert ExpressionOfInterest.objects.count() == 1
    assert interest.wants_to_work_on == "Night-time economy."


def test_withdrawing_interest(client, user):
    interest = ExpressionOfInterestFactory(user=user)
    client.force_login(user)

    response = client.post(
        reverse("cohorts:interest_withdraw", args=[interest.issue.slug]), follow=True
    )

    assert not ExpressionOfInterest.objects.exists()
    assert "Your interest is withdrawn." in response.content.decode()


def test_a_facilitator_sees_the_interested_grouped_by_sector_and_organisation(client, people):
    police = OrganisationFactory(name="Gwent Police", sector="police")
    charity = OrganisationFactory(name="Hafal", sector="charity")
    # Names of their own: a random name could hold another, and page.index finds the first.
    a = ExpressionOfInterestFactory(
        issue=people.issue, organisation=police, user__display_name="Aled Interested"
    )
    b = ExpressionOfInterestFactory(
        issue=people.issue, organisation=charity, user__display_name="Bethan Interested"
    )
    client.force_login(people.facilitator)

    page = client.get(reverse("cohorts:issue_forming", args=[people.issue.slug])).content.decode()

    assert (
        page.index("Police and justice")
        < page.index("Gwent Police")
        < page.index(a.user.public_name)
    )
    assert (
        page.index("Charity and community") < page.index("Hafal") < page.index(b.user.public_name)
    )
    assert a.wants_to_work_on in page
