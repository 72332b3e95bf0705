"""The owner says what their inquiry is for; whoever reads the inquiry sees it."""

import uuid

import pytest
from django.urls import reverse

from cohorts.models import CohortStatus
from contributions import chains
from contributions.models import InquiryChain

pytestmark = pytest.mark.django_db

CHAIN = {
    "benefit": "Fewer people in crisis at night",
    "beneficiaries": "People who sleep rough",
    "users": "Pharmacists, outreach workers",
    "results": "A named contact for each pharmacy",
}


def edit_url(inquiry):
    return reverse("contributions:chain_edit", args=[inquiry.cohort.slug, inquiry.pk])


def sent(**fields):
    return {**CHAIN, "submission_key": uuid.uuid4(), **fields}


def test_the_form_asks_for_each_link_of_the_chain_and_says_who_will_see_it(client, world):
    inquiry = world.inquiry(visibility="coaches")
    client.force_login(world.owner)

    response = client.get(edit_url(inquiry))

    assert response.status_code == 200
    assert list(response.context["form"].fields) == [
        "benefit",
        "beneficiaries",
        "users",
        "results",
        "submission_key",
    ]
    page = response.content.decode()
    assert "Who can see this" in page
    assert "Whoever can read your inquiry (it is shared with coaches)" in page
    assert "The projects are your cycles" in page


def test_the_owner_saves_the_chain_and_the_inquiry_page_shows_it(client, world):
    inquiry = world.inquiry()
    client.force_login(world.owner)

    response = client.post(edit_url(inquiry), sent())

    assert response.status_code == 302
    assert response.url == inquiry.get_absolute_url()
    chain = InquiryChain.objects.get(inquiry=inquiry)
    assert (chain.benefit, chain.users) == (CHAIN["benefit"], CHAIN["users"])
    page = client.get(inquiry.get_absolute_url()).content.decode()
    assert "What this work is for" in page
    assert CHAIN["beneficiaries"] in page
    assert "Change what this work is for" in page


def test_saving_again_changes_the_one_chain(client, world):
    inquiry = world.inquiry(benefit="Earlier help")
    client.force_login(world.owner)

    client.post(edit_url(inquiry), sent(benefit="Help before the crisis"))

    assert InquiryChain.objects.get().benefit == "Help before the crisis"


def test_every_field_is_optional(client, world):
    inquiry = world.inquiry()
    client.force_login(world.owner)

    response = client.post(
        edit_url(inquiry), sent(benefit="", beneficiaries="", users="", results="")
    )

    assert response.status_code == 302
    assert InquiryChain.objects.filter(inquiry=inquiry).exists()


def test_errors_are_summarised_and_what_was_typed_is_shown_again(client, world):
    inquiry = world.inquiry()
    client.force_login(world.owner)

    response = client.post(edit_url(inquiry), sent(benefit="x" * 201, users="GPs, wardens"))

    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert 'href="#id_benefit"' in page
    assert 'value="GPs, wardens"' in page
    assert "x" * 201 in page
    assert not InquiryChain.objects.exists()


def test_a_line_break_in_a_one_line_field_is_refused(client, world):
    inquiry = world.inquiry()
    client.force_login(world.owner)

    response = client.post(edit_url(inquiry), sent(users="GPs\nwardens"))

    assert response.status_code == 200
    assert response.context["form"].errors["users"]


def test_the_same_form_sent_twice_makes_one_chain(client, world):
    inquiry = world.inquiry()
    client.force_login(world.owner)
    data = sent()

    first, second = client.post(edit_url(inquiry), data), client.post(edit_url(inquiry), data)

    assert first.status_code == second.status_code == 302
    assert InquiryChain.objects.filter(inquiry=inquiry).count() == 1


def test_two_sends_at_once_make_one_chain(world, monkeypatch):
    """The second of two sends at once looked before the first was saved."""
    inquiry = world.inquiry()
    key = uuid.uuid4()
    real, looks = chains.sent_before, []

    def nothing_on_the_first_look(mine, key):
        looks.append(key)
        return None if len(looks) == 1 else real(mine, key)

    first = chains.chain_save(inquiry=inquiry, user=world.owner, submission_key=key, **CHAIN)
    monkeypatch.setattr(chains, "sent_before", nothing_on_the_first_look)
    monkeypatch.setattr(chains, "chain_of", lambda inquiry: None)

    second = chains.chain_save(inquiry=inquiry, user=world.owner, submission_key=key, **CHAIN)

    assert second.pk == first.pk
    assert InquiryChain.objects.count() == 1


@pytest.mark.parametrize("visibility", ["private", "coaches", "cohort"])
@pytest.mark.parametrize("who", ["fellow", "coach", "facilitator", "outsider"])
def test_nobody_but_the_owner_opens_the_form(client, world, who, visibility):
    inquiry = world.inquiry(visibility=visibility)
    client.force_login(getattr(world, who))

    assert client.get(edit_url(inquiry)).status_code == 404
    assert client.post(edit_url(inquiry), sent()).status_code == 404
    assert not InquiryChain.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in(client, world):
    url = edit_url(world.inquiry())

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next={url}"


def test_the_form_is_not_found_under_another_cohort(client, world):
    inquiry = world.inquiry()
    other = world.outsider.memberships.get().cohort
    client.force_login(world.owner)

    response = client.get(reverse("contributions:chain_edit", args=[other.slug, inquiry.pk]))

    assert response.status_code == 404


def test_in_a_closed_cohort_the_owner_is_told_why_and_nothing_is_saved(client, world):
    inquiry = world.inquiry(benefit="Earlier help")
    world.cohort.status = CohortStatus.CLOSED
    world.cohort.save()
    client.force_login(world.owner)

    response = client.post(edit_url(inquiry), sent(benefit="Changed"))

    assert response.status_code == 403
    assert "This cohort is closed" in response.content.decode()
    assert InquiryChain.objects.get().benefit == "Earlier help"
    page = client.get(inquiry.get_absolute_url()).content.decode()
    assert "Earlier help" in page
    assert "Change what this work is for" not in page


@pytest.mark.parametrize("who", ["fellow", "coach", "facilitator"])
def test_whoever_reads_the_inquiry_sees_its_chain_without_the_way_to_change_it(client, world, who):
    inquiry = world.inquiry(visibility="cohort", **CHAIN)
    client.force_login(getattr(world, who))

    page = client.get(inquiry.get_absolute_url()).content.decode()

    assert CHAIN["benefit"] in page
    assert CHAIN["results"] in page
    assert "what this work is for" not in page.replace("What this work is for", "")


def test_the_owner_without_a_chain_is_told_how_to_add_one(client, world):
    inquiry = world.inquiry()
    client.force_login(world.owner)

    page = client.get(inquiry.get_absolute_url()).content.decode()

    assert "Say what this work is for" in page
    assert edit_url(inquiry) in page


def test_others_see_nothing_of_a_chain_not_stated(client, world):
    inquiry = world.inquiry(visibility="cohort", benefit="")
    client.force_login(world.fellow)

    page = client.get(inquiry.get_absolute_url()).content.decode()

    assert "What this work is for" not in page
