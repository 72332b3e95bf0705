"""Asks: posting one to the cohort, who sees it, its inquiry link, closing it, and the
lists ("Where could I help?" on the cohort page, the full list)."""

import re
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from cohorts.models import CohortStatus
from contributions import asks
from contributions.models import Ask
from tests.contributions.conftest import make_ask
from tests.factories import InquiryFactory, MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

MEMBERS = ["asker", "helper", "coach", "facilitator"]


def list_url(world):
    return reverse("contributions:ask_list", args=[world.cohort.slug])


def new_url(world):
    return reverse("contributions:ask_create", args=[world.cohort.slug])


def form_data(**extra):
    return {
        "title": "Someone in housing for a same-week appointment",
        "details": "A tenant at risk of losing their flat.",
        "sectors": ["housing"],
        "submission_key": str(uuid.uuid4()),
        **extra,
    }


# Posting an ask


def test_the_form_says_plainly_who_will_see_the_ask(client, world):
    client.force_login(world.asker)
    page = client.get(new_url(world)).content.decode()
    assert "Everyone in Wrexham 2026 will see this ask" in page


@pytest.mark.parametrize("role", MEMBERS)
def test_every_member_of_the_cohort_may_ask_it_for_help(client, world, role):
    client.force_login(getattr(world, role))
    response = client.post(new_url(world), form_data(organisations=[world.housing.pk]))

    ask = Ask.objects.get()
    assert response.status_code == 302
    assert response["Location"] == ask.get_absolute_url()
    assert ask.author == getattr(world, role)
    assert [row.sector for row in ask.sectors.all()] == ["housing"]
    assert list(ask.organisations.all()) == [world.housing]


def test_a_member_of_another_cohort_gets_404_and_anonymous_the_login(client, world):
    client.force_login(world.outsider)
    assert client.get(new_url(world)).status_code == 404
    assert client.post(new_url(world), form_data()).status_code == 404
    assert client.get(list_url(world)).status_code == 404
    client.logout()
    response = client.get(new_url(world))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert not Ask.objects.exists()


def test_staff_who_are_not_members_see_no_asks(client, world):
    ask = make_ask(world)
    client.force_login(world.staff)
    assert client.get(list_url(world)).status_code == 404
    assert client.get(ask.get_absolute_url()).status_code == 404
    cohort_page = client.get(world.cohort.get_absolute_url()).content.decode()
    assert "Where could I help?" not in cohort_page


def test_an_ask_names_a_sector_or_an_organisation(client, world):
    client.force_login(world.asker)
    response = client.post(new_url(world), form_data(sectors=[]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Name at least one sector or organisation that could help." in page
    assert 'class="error-summary' in page
    assert "A tenant at risk of losing their flat." in page  # what was typed is kept
    assert not Ask.objects.exists()


def test_only_organisations_of_the_cohort_may_be_named(client, world):
    client.force_login(world.asker)
    other = OrganisationFactory(name="Not in this cohort")
    response = client.post(new_url(world), form_data(organisations=[other.pk]))
    assert response.status_code == 200
    assert not Ask.objects.exists()


def test_a_title_on_more_than_one_line_is_refused(client, world):
    client.force_login(world.asker)
    response = client.post(new_url(world), form_data(title="Help\nplease"))
    assert "must be one line" in response.content.decode()
    assert not Ask.objects.exists()


def test_sending_the_form_twice_makes_one_ask(client, world):
    client.force_login(world.asker)
    data = form_data()
    first = client.post(new_url(world), data)
    second = client.post(new_url(world), data)
    assert Ask.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_an_ask_may_link_one_of_the_askers_own_inquiries_only(client, world):
    mine = InquiryFactory(owner=world.asker, cohort=world.cohort, title="Evictions")
    theirs = InquiryFactory(owner=world.helper, cohort=world.cohort)
    client.force_login(world.asker)
    page = client.get(new_url(world)).content.decode()
    assert "Evictions" in page
    assert theirs.title not in page

    client.post(new_url(world), form_data(inquiry=theirs.pk))
    assert not Ask.objects.exists()
    client.post(new_url(world), form_data(inquiry=mine.pk))
    assert Ask.objects.get().inquiry == mine


def test_nothing_new_is_asked_in_a_closed_cohort(client, world):
    world.cohort.status = CohortStatus.CLOSED
    world.cohort.save()
    client.force_login(world.asker)
    assert client.post(new_url(world), form_data()).status_code == 302
    assert not Ask.objects.exists()


# Who sees it, and its inquiry link


@pytest.mark.parametrize("role", MEMBERS)
def test_every_member_reads_the_ask(client, world, role):
    ask = make_ask(world, details="By Friday if we can.")
    client.force_login(getattr(world, role))
    page = client.get(ask.get_absolute_url()).content.decode()
    assert "Someone in housing for a same-week appointment" in page
    assert "By Friday if we can." in page
    assert "Housing" in page


def test_a_member_of_another_cohort_gets_404_for_the_ask(client, world):
    ask = make_ask(world)
    client.force_login(world.outsider)
    assert client.get(ask.get_absolute_url()).status_code == 404
    # Nor through the other cohort's address.
    other = world.outsider.memberships.get().cohort
    url = reverse("contributions:ask_detail", args=[other.slug, ask.pk])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    ("visibility", "who_sees_the_link"),
    [
        ("private", {"asker"}),
        ("coaches", {"asker", "coach"}),
        ("cohort", {"asker", "coach", "helper", "facilitator"}),
    ],
)
def test_the_inquiry_link_shows_only_to_those_who_may_read_the_inquiry(
    client, world, visibility, who_sees_the_link
):
    inquiry = InquiryFactory(
        owner=world.asker, cohort=world.cohort, visibility=visibility, title="Evictions at 3am"
    )
    ask = make_ask(world, inquiry=inquiry)
    link = reverse("inquiries:detail", args=[inquiry.pk])
    for role in MEMBERS:
        client.force_login(getattr(world, role))
        detail = client.get(ask.get_absolute_url()).content.decode()
        listing = client.get(list_url(world)).content.decode()
        shown = role in who_sees_the_link
        assert (link in detail) is shown, role
        assert ("Evictions at 3am" in detail) is shown, role
        assert "Evictions at 3am" not in listing


# Closing


def test_the_asker_closes_the_ask_with_a_note(client, world):
    ask = make_ask(world)
    client.force_login(world.asker)
    url = reverse("contributions:ask_close", args=[world.cohort.slug, ask.pk])
    response = client.post(url, {"closing_note": "Gwen found a slot on Thursday."})
    assert response.status_code == 302
    ask.refresh_from_db()
    assert not ask.is_open
    assert ask.closing_note == "Gwen found a slot on Thursday."

    client.force_login(world.fellow)
    page = client.get(ask.get_absolute_url()).content.decode()
    assert "Gwen found a slot on Thursday." in page
    assert "Send my offer" not in page  # no more offers


def test_the_note_is_optional(client, world):
    ask = make_ask(world)
    client.force_login(world.asker)
    url = reverse("contributions:ask_close", args=[world.cohort.slug, ask.pk])
    assert client.post(url, {"closing_note": ""}).status_code == 302
    assert Ask.objects.still_open().count() == 0


@pytest.mark.parametrize("role", ["helper", "coach", "facilitator"])
def test_only_the_asker_closes_it(client, world, role):
    ask = make_ask(world)
    client.force_login(getattr(world, role))
    url = reverse("contributions:ask_close", args=[world.cohort.slug, ask.pk])
    assert client.post(url, {"closing_note": ""}).status_code == 403
    assert "Close the ask" not in client.get(ask.get_absolute_url()).content.decode()
    assert Ask.objects.still_open().count() == 1


# The lists


def titles(html):
    return re.findall(r'class="ask-list__title" href="[^"]+">([^<]+)<', html)


def test_where_could_i_help_lists_open_asks_naming_my_organisation_or_sector_first(client, world):
    make_ask(world, title="Older, for housing", sectors=["housing"])
    make_ask(world, title="For the police", sectors=["police"])
    make_ask(world, title="Names my organisation", sectors=[], organisations=[world.housing])
    make_ask(world, title="Newest, for health", sectors=["health"])
    closed = make_ask(world, title="Closed one", sectors=["housing"])
    asks.ask_close(ask=closed, user=world.asker)
    make_ask(world, author=world.helper, title="My own ask", sectors=["housing"])

    client.force_login(world.helper)  # housing
    page = client.get(world.cohort.get_absolute_url()).content.decode()

    assert "Where could I help?" in page
    assert titles(page) == [
        "Names my organisation",
        "Older, for housing",
        "Newest, for health",
        "For the police",
    ]


def test_where_could_i_help_says_so_when_nobody_asks(client, world):
    client.force_login(world.helper)
    page = client.get(world.cohort.get_absolute_url()).content.decode()
    assert "No open asks from others right now." in page


def test_the_full_list_puts_open_asks_first_and_pages_them(client, world):
    closed = make_ask(world, title="Closed one", sectors=["housing"])
    asks.ask_close(ask=closed, user=world.asker)
    for number in range(asks.ASKS_PER_PAGE):
        make_ask(world, title=f"Open {number}", sectors=["fire"])
    client.force_login(world.helper)

    first = client.get(list_url(world)).content.decode()
    second = client.get(list_url(world) + "?page=2").content.decode()

    assert titles(first)[0] == f"Open {asks.ASKS_PER_PAGE - 1}"
    assert len(titles(first)) == asks.ASKS_PER_PAGE
    assert titles(second) == ["Closed one"]
    assert "Page 1 of 2" in first


def test_the_full_list_has_an_empty_state(client, world):
    client.force_login(world.coach)
    page = client.get(list_url(world)).content.decode()
    assert "Nobody has asked for help yet." in page


# Query budgets, flat with the number of asks

ASK_LIST_BUDGET = 12
COHORT_PAGE_BUDGET = 19  # with open asks: tests/cohorts/test_query_budgets.py has it without
ASK_PAGE_BUDGET = 11


def fill(world, count):
    inquiry = InquiryFactory(owner=world.asker, cohort=world.cohort, visibility="cohort")
    for number in range(count):
        ask = make_ask(
            world,
            title=f"Ask {number}",
            sectors=["housing", "health"],
            organisations=[world.housing, world.health],
            inquiry=inquiry,
        )
        if number % 2:
            ask.offers.create(offerer=world.fellow, organisation=world.health)
        if number % 3 == 0:
            Ask.objects.filter(pk=ask.pk).update(closed_at=timezone.now())


@pytest.mark.parametrize("count", [3, 30])
def test_the_ask_list_costs_the_same_whatever_the_number_of_asks(
    client, world, count, django_assert_max_num_queries
):
    fill(world, count)
    client.force_login(world.helper)
    with django_assert_max_num_queries(ASK_LIST_BUDGET):
        assert client.get(list_url(world)).status_code == 200


@pytest.mark.parametrize("count", [3, 30])
def test_the_cohort_page_costs_the_same_whatever_the_number_of_asks(
    client, world, count, django_assert_max_num_queries
):
    fill(world, count)
    client.force_login(world.helper)
    with django_assert_max_num_queries(COHORT_PAGE_BUDGET):
        assert client.get(world.cohort.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("count", [3, 30])
def test_an_ask_page_costs_the_same_whatever_the_number_of_offers(
    client, world, count, django_assert_max_num_queries
):
    ask = make_ask(world)
    for number in range(count):
        offerer = MembershipFactory(cohort=world.cohort, organisation=world.housing).user
        asks.offer_create(ask=ask, offerer=offerer, body=f"Offer {number}")
    client.force_login(world.asker)
    with django_assert_max_num_queries(ASK_PAGE_BUDGET):
        page = client.get(ask.get_absolute_url()).content.decode()
    assert page.count('class="ask-list__item"') == count
