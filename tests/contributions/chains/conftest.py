"""The benefit-chain tests' world: one cohort with a person in every role (it stands in,
in this folder, for the asks tests' ``world``)."""

from dataclasses import dataclass

import pytest

from cohorts.models import Role
from contributions.models import InquiryChain
from tests.factories import (
    CohortFactory,
    CycleFactory,
    EntryFactory,
    InquiryFactory,
    MembershipFactory,
)


@dataclass
class World:
    """One cohort with a person in every role, and a coach of another cohort."""

    cohort: object
    owner: object
    fellow: object
    coach: object
    facilitator: object
    outsider: object

    def inquiry(self, visibility="cohort", owner=None, **chain):
        """An inquiry with a cycle and an action logged in it, and a chain when given one."""
        inquiry = InquiryFactory(
            owner=owner or self.owner, cohort=self.cohort, visibility=visibility
        )
        EntryFactory(cycle=CycleFactory(inquiry=inquiry, number=1), kind="action")
        if chain:
            InquiryChain.objects.create(inquiry=inquiry, **chain)
        return inquiry


@pytest.fixture
def world(db):
    cohort = CohortFactory()
    return World(
        cohort=cohort,
        owner=MembershipFactory(cohort=cohort, role=Role.PARTICIPANT).user,
        fellow=MembershipFactory(cohort=cohort, role=Role.PARTICIPANT).user,
        coach=MembershipFactory(cohort=cohort, role=Role.COACH).user,
        facilitator=MembershipFactory(cohort=cohort, role=Role.FACILITATOR).user,
        outsider=MembershipFactory(role=Role.COACH).user,
    )
