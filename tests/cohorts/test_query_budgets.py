"""The cohort page and the formation page cost the same number of queries at any size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cohorts.models import Role
from cohorts.services import invitation_create
from tests.factories import (
    CohortFactory,
    ExpressionOfInterestFactory,
    MembershipFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db

COHORT_PAGE_BUDGET = 17  # the header's unread count, the small map (4), "Where could I help?" (2)
FORMATION_PAGE_BUDGET = 11


def cohort_of_size(members: int):
    cohort = CohortFactory(capacity=500)
    facilitator = MembershipFactory(cohort=cohort, role=Role.FACILITATOR).user
    organisations = [OrganisationFactory() for _ in range(5)]
    for n in range(members - 1):
        MembershipFactory(cohort=cohort, organisation=organisations[n % 5])
    for n in range(members):
        interest = ExpressionOfInterestFactory(
            issue=cohort.issue, organisation=organisations[n % 5]
        )
        if n % 2:
            invitation_create(
                cohort=cohort,
                email=interest.user.email,
                role=Role.PARTICIPANT,
                invited_by=facilitator,
                organisation=interest.organisation,
            )
    for n in range(members):
        cohort.events.create(actor=facilitator, kind="joined", subject=f"Person {n}")
    return cohort, facilitator


def queries_for(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize(
    ("name", "budget"),
    [("cohorts:cohort_detail", COHORT_PAGE_BUDGET), ("cohorts:invitations", FORMATION_PAGE_BUDGET)],
)
def test_page_queries_stay_within_budget_and_do_not_grow_with_members(client, name, budget):
    counts = []
    for size in (5, 60):
        cohort, facilitator = cohort_of_size(size)
        client.force_login(facilitator)
        counts.append(queries_for(client, reverse(name, args=[cohort.slug])))

    assert counts[0] == counts[1], f"queries grew with members: {counts}"
    assert counts[1] <= budget, f"{counts[1]} queries, budget {budget}"


def test_the_public_issue_page_does_not_grow_with_cohorts(client):
    counts = []
    for size in (1, 12):
        issue = CohortFactory().issue
        for _ in range(size - 1):
            MembershipFactory(cohort=CohortFactory(issue=issue))
        counts.append(queries_for(client, issue.get_absolute_url()))

    assert counts[0] == counts[1] <= 4
