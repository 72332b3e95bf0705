"""The cohort's board: chains side by side, shared benefits and users drawn together,
for the inquiries the viewer may read and no others."""

import pytest
from django.urls import reverse

from cohorts.models import CohortStatus
from contributions.chains import meetings, same_words, users_named
from contributions.models import InquiryChain

pytestmark = pytest.mark.django_db


def board_url(cohort):
    return reverse("contributions:board", args=[cohort.slug])


def test_the_same_words_match_whatever_their_case_punctuation_and_spaces():
    assert same_words("Fewer people in crisis.") == same_words("  fewer PEOPLE  in crisis ")
    assert same_words("People's trust") == same_words("peoples trust")
    assert same_words("Trust—earned, not assumed") == same_words("trust earned not assumed")
    assert same_words("Fewer crises") != same_words("Fewer people in crisis")
    assert same_words(" ... ") == ""


def test_users_are_named_one_by_one():
    chain = InquiryChain(users="Pharmacists; housing officers,  GPs,,")

    assert users_named(chain) == ["Pharmacists", "housing officers", "GPs"]


def test_meetings_hold_two_or_more_chains_the_most_shared_first():
    a = InquiryChain(pk=1, users="GPs, wardens")
    b = InquiryChain(pk=2, users="Wardens; gps")
    c = InquiryChain(pk=3, users="wardens, wardens")
    d = InquiryChain(pk=4, users="Pharmacists")

    found = meetings([a, b, c, d], users_named)

    assert [(m.words, [chain.pk for chain in m.chains]) for m in found] == [
        ("wardens", [1, 2, 3]),
        ("GPs", [1, 2]),
    ]


def test_the_board_draws_shared_benefits_and_users_together(client, world):
    pharmacy = world.inquiry(benefit="Fewer people in crisis.", users="Pharmacists, GPs")
    housing = world.inquiry(
        owner=world.fellow, benefit="fewer people in CRISIS", users="Housing officers; gps"
    )
    alone = world.inquiry(benefit="Safer nights", users="Street pastors")
    client.force_login(world.owner)

    response = client.get(board_url(world.cohort))

    assert response.status_code == 200
    benefit, *_ = response.context["shared_benefits"]
    assert benefit.words == "Fewer people in crisis."
    assert {chain.inquiry for chain in benefit.chains} == {pharmacy, housing}
    (user,) = response.context["shared_users"]
    assert {chain.inquiry for chain in user.chains} == {pharmacy, housing}
    assert len(response.context["chains"]) == 3
    page = response.content.decode()
    assert "Benefits we share" in page
    assert "whatever the capital letters, punctuation or spaces" in page
    assert alone.title in page
    assert "Cycle 1" in page and "1 action logged" in page


def test_with_no_shared_benefit_the_board_says_so(client, world):
    world.inquiry(benefit="Safer nights")
    world.inquiry(benefit="Earlier help")
    client.force_login(world.owner)

    page = client.get(board_url(world.cohort)).content.decode()

    assert "No two inquiries seek the same benefit yet." in page
    assert "Safer nights" in page and "Earlier help" in page


def test_an_empty_board_tells_the_owner_how_to_add_a_chain(client, world):
    inquiry = world.inquiry()
    client.force_login(world.owner)

    page = client.get(board_url(world.cohort)).content.decode()

    assert "No one has said yet what their work is for." in page
    assert reverse("contributions:chain_edit", args=[world.cohort.slug, inquiry.pk]) in page


def test_an_empty_board_tells_others_where_chains_come_from(client, world):
    client.force_login(world.coach)

    page = client.get(board_url(world.cohort)).content.decode()

    assert "No one has said yet what their work is for." in page
    assert "from the inquiry's page" in page


def test_chains_left_empty_are_not_shown(client, world):
    world.inquiry(visibility="cohort", benefit="", users="")
    client.force_login(world.fellow)

    response = client.get(board_url(world.cohort))

    assert response.context["chains"] == []


def test_in_a_closed_cohort_nobody_is_asked_to_add_a_chain(client, world):
    world.inquiry()
    world.cohort.status = CohortStatus.CLOSED
    world.cohort.save()
    client.force_login(world.owner)

    response = client.get(board_url(world.cohort))

    assert response.context["without_chain"] == []


def test_the_board_shows_this_cohort_only(client, world):
    other = world.outsider.memberships.get().cohort
    world.inquiry(benefit="Here")
    elsewhere = world.inquiry(benefit="Elsewhere")
    elsewhere.cohort = other
    elsewhere.save()
    client.force_login(world.owner)

    page = client.get(board_url(world.cohort)).content.decode()

    assert "Here" in page
    assert "Elsewhere" not in page


def test_the_cohort_page_leads_to_the_board(client, world):
    client.force_login(world.fellow)

    page = client.get(reverse("cohorts:cohort_detail", args=[world.cohort.slug])).content.decode()

    assert board_url(world.cohort) in page
    assert "What each of us wants to achieve" in page
