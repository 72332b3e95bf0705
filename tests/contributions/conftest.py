import types

import pytest

from cohorts.models import Role, Sector
from contributions import asks
from tests.factories import (
    CohortFactory,
    MembershipFactory,
    OrganisationFactory,
    StaffFactory,
)


@pytest.fixture
def world(db):
    """A cohort with people in four sectors, and a member of another cohort."""
    cohort = CohortFactory(name="Wrexham 2026")
    police = OrganisationFactory(name="North Wales Police", sector=Sector.POLICE)
    housing = OrganisationFactory(name="Clwyd Alyn Housing", sector=Sector.HOUSING)
    health = OrganisationFactory(name="Health Board", sector=Sector.HEALTH)
    college = OrganisationFactory(name="Coleg Cambria", sector=Sector.EDUCATION)

    def member(role, organisation, cohort=cohort):
        return MembershipFactory(cohort=cohort, role=role, organisation=organisation).user

    return types.SimpleNamespace(
        cohort=cohort,
        police=police,
        housing=housing,
        health=health,
        college=college,
        asker=member(Role.PARTICIPANT, police),
        helper=member(Role.PARTICIPANT, housing),
        fellow=member(Role.PARTICIPANT, health),
        coach=member(Role.COACH, college),
        facilitator=member(Role.FACILITATOR, health),
        outsider=member(Role.PARTICIPANT, housing, cohort=CohortFactory()),
        staff=StaffFactory(),
    )


def make_ask(world, author=None, title="Someone in housing for a same-week appointment", **extra):
    extra.setdefault("sectors", ["housing"])
    return asks.ask_create(author=author or world.asker, cohort=world.cohort, title=title, **extra)


def make_offer(world, ask, offerer=None, body="I can ask our tenancy team today."):
    return asks.offer_create(ask=ask, offerer=offerer or world.helper, body=body)
