from dataclasses import dataclass

import pytest

from cohorts.models import Role
from tests.factories import (
    CohortFactory,
    CycleFactory,
    EntryFactory,
    InquiryFactory,
    MembershipFactory,
    StaffFactory,
)


@dataclass
class World:
    """One cohort with a person in every role, another cohort, and staff."""

    cohort: object
    other_cohort: object
    owner: object
    coach: object
    fellow: object
    facilitator: object
    outsider: object
    staff: object

    def person(self, role):
        return None if role == "anonymous" else getattr(self, role)

    def inquiry(self, visibility="coaches", **kwargs):
        inquiry = InquiryFactory(
            owner=self.owner, cohort=self.cohort, visibility=visibility, **kwargs
        )
        cycle = CycleFactory(inquiry=inquiry, number=1)
        EntryFactory(
            cycle=cycle,
            body="Spoke to the *pharmacy*.",
            body_html="<p>Spoke to the <em>pharmacy</em>.</p>",
        )
        return inquiry


@pytest.fixture
def world(db):
    cohort = CohortFactory()
    other_cohort = CohortFactory()
    owner = MembershipFactory(cohort=cohort, role=Role.PARTICIPANT).user
    return World(
        cohort=cohort,
        other_cohort=other_cohort,
        owner=owner,
        coach=MembershipFactory(cohort=cohort, role=Role.COACH).user,
        fellow=MembershipFactory(cohort=cohort, role=Role.PARTICIPANT).user,
        facilitator=MembershipFactory(cohort=cohort, role=Role.FACILITATOR).user,
        outsider=MembershipFactory(cohort=other_cohort, role=Role.COACH).user,
        staff=StaffFactory(),
    )
