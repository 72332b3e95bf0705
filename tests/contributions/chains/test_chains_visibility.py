"""Each role against each visibility: a chain is seen on the board by whoever may read its
inquiry and by nobody else, in the chains, the shared benefits and the shared users."""

import pytest
from django.urls import reverse

from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db

SECRET = {
    "benefit": "Shared benefit",
    "beneficiaries": "Hidden beneficiaries",
    "users": "Shared users, hidden users",
    "results": "Hidden results",
}
# Who reads an inquiry of each visibility, besides its owner (docs/visibility.md).
READERS = {
    "private": {"owner"},
    "coaches": {"owner", "coach"},
    "cohort": {"owner", "fellow", "coach", "facilitator"},
}


@pytest.mark.parametrize("visibility", ["private", "coaches", "cohort"])
@pytest.mark.parametrize("role", ["owner", "fellow", "coach", "facilitator"])
def test_a_member_sees_a_chain_on_the_board_only_if_they_may_read_its_inquiry(
    client, world, role, visibility
):
    secret = world.inquiry(visibility=visibility, **SECRET)
    # Everyone in the cohort reads this one, which shares the secret chain's benefit and a user.
    world.inquiry(
        owner=world.fellow, visibility="cohort", benefit="shared BENEFIT!", users="shared users"
    )
    client.force_login(getattr(world, role))

    response = client.get(reverse("contributions:board", args=[world.cohort.slug]))

    assert response.status_code == 200
    page = response.content.decode()
    readable = role in READERS[visibility]
    shown = [chain.inquiry for chain in response.context["chains"]]
    assert (secret in shown) is readable
    assert (secret.title in page) is readable
    for text in ("Hidden beneficiaries", "hidden users", "Hidden results"):
        assert (text in page) is readable
    assert len(response.context["shared_benefits"]) == (1 if readable else 0)
    assert len(response.context["shared_users"]) == (1 if readable else 0)


def test_a_private_inquirys_chain_is_seen_by_its_owner_alone(client, world):
    world.inquiry(visibility="private", benefit="Only mine")
    for person, seen in [(world.owner, True), (world.coach, False), (world.fellow, False)]:
        client.force_login(person)
        page = client.get(reverse("contributions:board", args=[world.cohort.slug])).content

        assert (b"Only mine" in page) is seen


def test_a_member_of_another_cohort_is_not_found(client, world):
    world.inquiry(visibility="cohort", **SECRET)
    client.force_login(world.outsider)

    response = client.get(reverse("contributions:board", args=[world.cohort.slug]))

    assert response.status_code == 404


def test_staff_open_the_board_and_read_no_chain(client, world):
    """Staff may open every cohort's pages, and read no inquiry (docs/visibility.md)."""
    world.inquiry(visibility="cohort", **SECRET)
    client.force_login(StaffFactory())

    response = client.get(reverse("contributions:board", args=[world.cohort.slug]))

    assert response.status_code == 200
    assert response.context["chains"] == []
    assert b"Hidden results" not in response.content


def test_anonymous_visitors_are_sent_to_sign_in(client, world):
    url = reverse("contributions:board", args=[world.cohort.slug])

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next={url}"


def test_a_removed_members_chain_leaves_the_board(client, world):
    world.inquiry(visibility="cohort", owner=world.fellow, benefit="Gone with them")
    world.fellow.memberships.get().delete()
    client.force_login(world.coach)

    page = client.get(reverse("contributions:board", args=[world.cohort.slug])).content

    assert b"Gone with them" not in page
