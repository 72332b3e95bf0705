"""The inquiry page and /inquiries/ cost the same number of queries at 2 cycles as at 30.

Budgets (recorded in docs/visibility.md): the inquiry page, as its owner or as a
coach, with 0 or 5 comments on every entry, at most INQUIRY_PAGE_BUDGET queries;
/inquiries/ at most LIST_BUDGET.
"""

import datetime

import pytest
from django.urls import reverse

from cohorts.models import Role
from inquiries.models import Comment, Cycle, Entry
from tests.factories import InquiryFactory, MembershipFactory

pytestmark = pytest.mark.django_db

INQUIRY_PAGE_BUDGET = 14  # 13, and one for what the inquiry is for (contributions)
LIST_BUDGET = 7
ENTRIES_PER_CYCLE = 8


def build(cycles, comments_per_entry=0):
    owner = MembershipFactory(role=Role.PARTICIPANT)
    coach = MembershipFactory(cohort=owner.cohort, role=Role.COACH)
    inquiries = [
        InquiryFactory(owner=owner.user, cohort=owner.cohort, visibility="coaches")
        for _ in range(2)
    ]
    for inquiry in inquiries:
        Cycle.objects.bulk_create(
            Cycle(
                inquiry=inquiry,
                number=n,
                intention=f"Intention {n}",
                started_on=datetime.date(2026, 9, 1),
                closed_on=datetime.date(2026, 9, 2) if n < cycles else None,
                learned="Learned.",
            )
            for n in range(1, cycles + 1)
        )
        entries = Entry.objects.bulk_create(
            Entry(cycle=cycle, kind=kind, body="Text", body_html="<p>Text</p>", version=2)
            for cycle in inquiry.cycles.all()
            for kind in ["action", "reflection"] * (ENTRIES_PER_CYCLE // 2)
        )
        Entry.organisations.through.objects.bulk_create(
            Entry.organisations.through(entry=entry, organisation=owner.organisation)
            for entry in entries
        )
        comments = Comment.objects.bulk_create(
            Comment(inquiry=inquiry, entry=entry, author=coach.user, body="C", body_html="<p>C</p>")
            for entry in entries
            for _ in range(comments_per_entry)
        )
        Comment.objects.bulk_create(
            Comment(
                inquiry=inquiry,
                entry=comment.entry,
                parent=comment,
                author=owner.user,
                body="R",
                body_html="<p>Reply</p>",
            )
            for comment in comments[::2]
        )
    return owner.user, coach.user, inquiries[0]


@pytest.mark.parametrize("comments", [0, 5])
@pytest.mark.parametrize("cycles", [2, 30])
@pytest.mark.parametrize("viewer", ["owner", "coach"])
def test_the_inquiry_page_keeps_its_budget(
    client, django_assert_max_num_queries, cycles, viewer, comments
):
    owner, coach, inquiry = build(cycles, comments_per_entry=comments)
    client.force_login(owner if viewer == "owner" else coach)

    with django_assert_max_num_queries(INQUIRY_PAGE_BUDGET):
        response = client.get(inquiry.get_absolute_url())

    assert response.status_code == 200
    page = response.content.decode()
    shown = min(cycles, 5) * ENTRIES_PER_CYCLE
    assert page.count('class="entry entry--') == shown
    assert page.count("<p>C</p>") == shown * comments
    assert page.count("<p>Reply</p>") == shown * comments // 2


@pytest.mark.parametrize("cycles", [2, 30])
@pytest.mark.parametrize("viewer", ["owner", "coach"])
def test_my_inquiries_keep_their_budget(client, django_assert_max_num_queries, cycles, viewer):
    owner, coach, inquiry = build(cycles)
    client.force_login(owner if viewer == "owner" else coach)

    with django_assert_max_num_queries(LIST_BUDGET):
        response = client.get(reverse("inquiries:list"))

    assert response.content.decode().count(f"{cycles} cycles") == 2
