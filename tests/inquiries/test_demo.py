"""inquiries/demo.py after the cohorts demo: it writes into the cohort and memberships it finds.

What the whole demo shows, and that running it twice changes nothing, is checked
in tests/cylch/test_seed_demo.py.
"""

import datetime

import pytest

from accounts.demo import seed_people
from accounts.models import User
from cohorts import demo as cohorts_demo
from cohorts.models import Cohort, Issue, Membership, Role
from inquiries import demo as inquiries_demo
from inquiries.models import Inquiry
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_seeding_after_the_cohorts_demo_reuses_its_cohorts_and_memberships():
    # As if the cohorts demo had run first, with its own choices.
    seed_people()
    issue = Issue.objects.create(slug="drugs-in-wrexham", title="Drugs", summary="S")
    cohort = Cohort.objects.create(
        slug="wrexham-2026",
        name="Wrexham",
        issue=issue,
        place="Wrexham",
        starts_on=datetime.date(2026, 9, 1),
        ends_on=datetime.date(2027, 3, 1),
    )
    coach = Membership.objects.create(
        user=User.objects.get(email="coach@example.com"),
        cohort=cohort,
        role=Role.COACH,
        organisation=OrganisationFactory(name="north wales police"),
    )

    # The steps of seed_demo that touch cohorts, memberships and inquiries, in its order.
    cohorts_demo.seed()
    inquiries_demo.seed()

    assert Cohort.objects.filter(slug="wrexham-2026").count() == 1
    coach.refresh_from_db()
    assert coach.organisation.name == "north wales police"
    assert Inquiry.objects.filter(cohort=cohort).count() == 5
