"""/inquiries/ reads what its viewer can see, not the whole programme (docs/performance.md)."""

import pytest
from django.db import connection

from cohorts.models import Role
from inquiries.selectors import inquiries_shared_with
from tests.factories import CohortFactory, CycleFactory, InquiryFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def shared_list_plan(user) -> str:
    """How the database finds the inquiries shared with ``user`` (its plan)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # A handful of rows is quicker to read whole: ask how the list is found, as it
            # must be among 6,000 inquiries and 48,000 cycles.
            cursor.execute("SET LOCAL enable_seqscan = off")
    return inquiries_shared_with(user=user).explain()


def test_the_inquiries_shared_with_me_are_found_from_my_cohorts():
    me = MembershipFactory(role=Role.COACH)
    fellow = MembershipFactory(cohort=me.cohort).user
    shared = InquiryFactory(owner=fellow, cohort=me.cohort, visibility="coaches")
    CycleFactory(inquiry=shared, number=1)
    for _ in range(3):
        elsewhere = CohortFactory()
        InquiryFactory(owner=MembershipFactory(cohort=elsewhere).user, cohort=elsewhere)

    plan = shared_list_plan(me.user)

    # Through the index of the inquiries' cohort, from my memberships: not a scan of
    # every inquiry in the programme, filtered by the visibility rule one by one.
    assert "inquiries_inquiry_cohort_id" in plan
