"""The board and the chain form cost the same number of queries for 3 inquiries as for 30.

Budgets: the board at most BOARD_BUDGET queries, the chain form at most FORM_BUDGET,
whoever looks.
"""

import pytest
from django.urls import reverse

from contributions.models import InquiryChain
from inquiries.models import Cycle, Entry
from tests.factories import InquiryFactory

pytestmark = pytest.mark.django_db

BOARD_BUDGET = 9
FORM_BUDGET = 8


def build(world, count):
    """``count`` inquiries shared with the cohort, each with a chain (every other one
    sharing a benefit), three cycles and four actions in each cycle."""
    owners = [world.owner, world.fellow]
    inquiries = [
        InquiryFactory(owner=owners[n % 2], cohort=world.cohort, visibility="cohort")
        for n in range(count)
    ]
    InquiryChain.objects.bulk_create(
        InquiryChain(
            inquiry=inquiry,
            benefit="Fewer people in crisis" if n % 2 else f"Benefit {n}",
            users=f"GPs, user {n}",
        )
        for n, inquiry in enumerate(inquiries)
    )
    cycles = Cycle.objects.bulk_create(
        Cycle(inquiry=inquiry, number=n, intention=f"Intention {n}")
        for inquiry in inquiries
        for n in (1, 2, 3)
    )
    Entry.objects.bulk_create(
        Entry(cycle=cycle, kind="action", body="Text", body_html="<p>Text</p>")
        for cycle in cycles
        for _ in range(4)
    )
    return inquiries


@pytest.mark.parametrize("count", [3, 30])
@pytest.mark.parametrize("viewer", ["owner", "coach", "facilitator"])
def test_the_board_keeps_its_budget(client, world, django_assert_max_num_queries, count, viewer):
    build(world, count)
    InquiryFactory(owner=world.owner, cohort=world.cohort)  # one without a chain yet
    client.force_login(getattr(world, viewer))
    url = reverse("contributions:board", args=[world.cohort.slug])

    with django_assert_max_num_queries(BOARD_BUDGET):
        response = client.get(url)

    assert len(response.context["chains"]) == count
    assert "4 actions logged" in response.content.decode()


@pytest.mark.parametrize("count", [3, 30])
def test_the_chain_form_keeps_its_budget(client, world, django_assert_max_num_queries, count):
    inquiry = build(world, count)[0]
    client.force_login(world.owner)
    url = reverse("contributions:chain_edit", args=[world.cohort.slug, inquiry.pk])

    with django_assert_max_num_queries(FORM_BUDGET):
        response = client.get(url)

    assert response.status_code == 200
