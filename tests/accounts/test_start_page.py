"""/me/: where a signed-in person starts (issue 11, item 3)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cms.drafts import services as drafts
from cohorts.models import Role
from inquiries import services
from tests.factories import CycleFactory, EntryFactory, InquiryFactory, MembershipFactory

pytestmark = pytest.mark.django_db

START = reverse("accounts:me")


def test_someone_new_is_shown_how_to_begin(client, user):
    client.force_login(user)
    page = client.get(START).content.decode()
    assert "You have not started an inquiry yet" in page
    assert "You are not in a cohort yet" in page
    assert "Nothing new." in page


@pytest.fixture
def participant(db):
    membership = MembershipFactory(role=Role.PARTICIPANT, user__display_name="Ana")
    inquiry = InquiryFactory(
        owner=membership.user, cohort=membership.cohort, title="Meeting people at the bus station"
    )
    cycle = CycleFactory(inquiry=inquiry, number=2, phase="observe")
    EntryFactory(cycle=cycle, body="Met the outreach team.")
    return membership


def test_open_cycles_with_their_next_step_drafts_cohorts_and_unread_news(client, participant):
    user, cohort = participant.user, participant.cohort
    inquiry = user.inquiries.get()
    coach = MembershipFactory(cohort=cohort, role=Role.COACH, user__display_name="Cerys").user
    services.comment_create(inquiry=inquiry, author=coach, body="Who else was there?")
    cycle = inquiry.cycles.get()
    draft = drafts.draft_start(owner=user, cycle=cycle, entry_ids=[cycle.entries.get().pk])

    client.force_login(user)
    page = client.get(START).content.decode()

    assert "Cycle 2 of Meeting people at the bus station" in page
    assert "Now: Observe." in page
    assert reverse("inquiries:entry_create", args=[inquiry.pk, 2, "reflection"]) in page
    assert "Cerys" in page and "Meeting people at the bus station" in page
    assert draft.get_absolute_url() in page
    assert cohort.name in page


def test_the_start_page_never_shows_what_others_wrote_privately(client, participant):
    fellow = MembershipFactory(cohort=participant.cohort, role=Role.PARTICIPANT).user
    InquiryFactory(owner=fellow, cohort=participant.cohort, visibility="private", title="Secret")
    client.force_login(participant.user)
    assert "Secret" not in client.get(START).content.decode()


def count_queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(START).status_code == 200
    return len(queries)


def test_the_start_page_keeps_its_query_budget_whatever_it_holds(client, participant):
    user = participant.user
    inquiry = user.inquiries.get()
    cycle = inquiry.cycles.get()
    coach = MembershipFactory(cohort=participant.cohort, role=Role.COACH).user
    client.force_login(user)
    few = count_queries(client)

    for n in range(6):
        drafts.draft_start(owner=user, cycle=cycle, entry_ids=[cycle.entries.get().pk])
        services.comment_create(inquiry=inquiry, author=coach, body=f"Question {n}")
        MembershipFactory(user=user, role=Role.PARTICIPANT)
    many = count_queries(client)

    assert few == many <= 12


def test_signing_in_with_nowhere_to_go_lands_on_the_start_page(client, participant):
    from tests.factories import PASSWORD

    response = client.post(
        reverse("account_login"), {"login": participant.user.email, "password": PASSWORD}
    )
    assert response.url == START


def test_the_profile_moved_to_me_profile(client, user):
    client.force_login(user)
    assert user.email in client.get(reverse("accounts:profile")).content.decode()


def test_cycles_where_nothing_can_be_written_are_not_offered(client, participant):
    cohort = participant.cohort
    cohort.status = "closed"
    cohort.save()
    client.force_login(participant.user)
    page = client.get(START).content.decode()
    assert "Cycle 2 of Meeting people at the bus station" not in page
    assert "No cycle is open." in page


def test_the_start_page_leads_to_the_export_and_to_deleting_the_account(client, user):
    client.force_login(user)
    page = client.get(START).content.decode()
    assert f'href="{reverse("accounts:export")}"' in page
    assert f'href="{reverse("accounts:delete")}"' in page
