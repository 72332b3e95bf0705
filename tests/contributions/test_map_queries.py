"""The map page and the cohort page cost the same number of queries at 10 actions as at 300.

Budgets (recorded in docs/contributions.md): the map page at most MAP_BUDGET
queries, as a participant or a coach; the cohort page with its small map at most
COHORT_PAGE_BUDGET.
"""

import pytest
from django.urls import reverse

from cohorts.models import Sector
from tests.contributions.builders import cycle_of, log_actions, new_participant, world
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

MAP_BUDGET = 10
COHORT_PAGE_BUDGET = 17  # as tests/cohorts/test_query_budgets.py: the small map is 4 of it


def build(actions):
    w = world()
    organisations = [
        OrganisationFactory(name=f"Partner {n}", sector=sector)
        for n, sector in enumerate([Sector.HOUSING, Sector.FIRE, Sector.CHARITY, Sector.EDUCATION])
    ]
    for organisation in organisations:
        new_participant(w.cohort, organisation)
    for visibility, group in zip(
        ["cohort", "coaches", "private"],
        [organisations[:2], organisations[1:3], organisations[2:]],
        strict=True,
    ):
        log_actions(cycle_of(w.owner, w.cohort, visibility), [w.health, *group], actions // 3 + 1)
    return w


@pytest.mark.parametrize("actions", [10, 300])
@pytest.mark.parametrize("viewer", ["other", "coach", "owner"])
def test_the_map_page_keeps_its_budget(client, django_assert_max_num_queries, actions, viewer):
    w = build(actions)
    client.force_login(getattr(w, viewer))

    with django_assert_max_num_queries(MAP_BUDGET):
        response = client.get(
            reverse("contributions:relationship_map", args=[w.cohort.slug]), {"month": "2025-03"}
        )

    assert response.status_code == 200
    assert "<line" in response.content.decode()


@pytest.mark.parametrize("actions", [10, 300])
def test_the_cohort_page_with_its_small_map_keeps_its_budget(
    client, django_assert_max_num_queries, actions
):
    w = build(actions)
    client.force_login(w.coach)

    with django_assert_max_num_queries(COHORT_PAGE_BUDGET):
        response = client.get(w.cohort.get_absolute_url())

    assert "<line" in response.content.decode()
