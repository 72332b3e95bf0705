import pytest

from cohorts.models import Role, Sector
from cohorts.selectors import agency_mix
from cohorts.services import invitation_create
from tests.factories import CohortFactory, MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_the_mix_counts_sectors_and_organisations_among_members_and_invited(people):
    police = OrganisationFactory(sector=Sector.POLICE)
    invitation_create(
        cohort=people.cohort,
        email="a@example.org",
        role=Role.PARTICIPANT,
        invited_by=people.facilitator,
        organisation=police,
    )
    invitation_create(
        cohort=people.cohort,
        email="b@example.org",
        role=Role.PARTICIPANT,
        invited_by=people.facilitator,
    )

    mix = agency_mix(people.cohort)

    assert mix.people == 5
    assert mix.organisation_count == 4  # three members' agencies and the police
    assert mix.sector_count == 2  # the factories' council agencies, and police
    assert mix.unknown_organisation == 1
    assert mix.dominant is None
    assert agency_mix(people.cohort, include_invited=False).people == 3


def test_one_organisation_holding_more_than_half_is_flagged(client):
    cohort = CohortFactory()
    health = OrganisationFactory(name="Health Board", sector=Sector.HEALTH)
    for _ in range(3):
        MembershipFactory(cohort=cohort, organisation=health)
    facilitator = MembershipFactory(cohort=cohort, role=Role.FACILITATOR).user
    MembershipFactory(cohort=cohort)

    mix = agency_mix(cohort)
    client.force_login(facilitator)
    page = client.get(f"/cohorts/{cohort.slug}/invitations/").content.decode()

    assert mix.dominant == (health, 3)
    assert "Health Board would hold 3 of 5 places, more than half." in page


def test_exactly_half_is_not_flagged():
    cohort = CohortFactory()
    council = OrganisationFactory()
    MembershipFactory(cohort=cohort, organisation=council)
    MembershipFactory(cohort=cohort, organisation=council)
    MembershipFactory(cohort=cohort)
    MembershipFactory(cohort=cohort)

    assert agency_mix(cohort).dominant is None


def test_an_empty_cohort_has_an_empty_mix():
    mix = agency_mix(CohortFactory())

    assert (mix.people, mix.organisation_count, mix.sector_count, mix.dominant) == (0, 0, 0, None)


def test_a_new_cohort_with_only_its_facilitator_has_no_mix_warning(client):
    cohort = CohortFactory()
    council = OrganisationFactory(name="Wrexham Council")
    facilitator = MembershipFactory(cohort=cohort, role=Role.FACILITATOR, organisation=council)
    client.force_login(facilitator.user)

    page = client.get(f"/cohorts/{cohort.slug}/invitations/").content.decode()

    assert agency_mix(cohort).dominant is None
    assert "1 person" in page
    assert "Agency mix:" not in page
    assert "would hold" not in page


def test_two_people_from_one_organisation_are_flagged():
    cohort = CohortFactory()
    council = OrganisationFactory()
    MembershipFactory(cohort=cohort, role=Role.FACILITATOR, organisation=council)
    MembershipFactory(cohort=cohort, organisation=council)

    assert agency_mix(cohort).dominant == (council, 2)
