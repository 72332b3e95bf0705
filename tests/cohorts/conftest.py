from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group

from accounts.groups import FACILITATORS
from cohorts.models import Role
from tests.factories import CohortFactory, MembershipFactory, StaffFactory


@pytest.fixture
def people(db):
    """A running cohort with one member in each role, and someone from another cohort."""
    cohort = CohortFactory(capacity=10)
    facilitator = MembershipFactory(cohort=cohort, role=Role.FACILITATOR).user
    facilitator.groups.add(Group.objects.get(name=FACILITATORS))
    coach = MembershipFactory(cohort=cohort, role=Role.COACH).user
    participant = MembershipFactory(cohort=cohort, role=Role.PARTICIPANT).user
    outsider = MembershipFactory(role=Role.PARTICIPANT).user  # a member of another cohort
    staff = StaffFactory()
    return SimpleNamespace(
        cohort=cohort,
        issue=cohort.issue,
        facilitator=facilitator,
        coach=coach,
        participant=participant,
        outsider=outsider,
        staff=staff,
    )
