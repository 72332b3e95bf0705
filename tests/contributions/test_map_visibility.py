"""Each role sees on the map only the links of actions it may read, for each visibility.

Nothing of an entry the viewer may not read shows: not in the picture, the table,
nor the sentences. The action names an organisation no member belongs to, so its
name can only reach the page through that entry.
"""

import pytest
from django.urls import reverse

from cohorts.models import Sector
from contributions import asks
from tests.contributions.builders import cycle_of, log_action, picture_in, world
from tests.factories import OrganisationFactory, StaffFactory

pytestmark = pytest.mark.django_db

READERS = {
    "private": {"owner"},
    "coaches": {"owner", "coach"},
    "cohort": {"owner", "coach", "other", "facilitator"},
}


@pytest.mark.parametrize("visibility", ["private", "coaches", "cohort"])
@pytest.mark.parametrize("role", ["owner", "coach", "other", "facilitator"])
def test_a_member_sees_the_link_only_if_they_may_read_the_action(client, role, visibility):
    w = world()
    shelter = OrganisationFactory(name="Nos Da Shelter", sector=Sector.HOUSING)
    log_action(cycle_of(w.owner, w.cohort, visibility), shelter)
    client.force_login(getattr(w, role))

    html = client.get(reverse("contributions:relationship_map", args=[w.cohort.slug]))
    html = html.content.decode()

    sentence = "Police and Nos Da Shelter worked together in 1 logged action"
    if role in READERS[visibility]:
        assert sentence in html  # in the picture's line and in the strongest links
        assert html.count(sentence) == 2
        assert '<td data-label="With">Nos Da Shelter' in html
    else:
        assert "Nos Da Shelter" not in html
        assert "<line" not in html
        assert "<table" not in html
        assert "No actions involving two organisations have been logged yet" in html


@pytest.mark.parametrize("visibility", ["private", "coaches", "cohort"])
@pytest.mark.parametrize("role", ["owner", "coach", "other", "facilitator"])
def test_the_cohort_page_small_map_follows_the_same_rule(client, role, visibility):
    w = world()
    shelter = OrganisationFactory(name="Nos Da Shelter", sector=Sector.HOUSING)
    log_action(cycle_of(w.owner, w.cohort, visibility), shelter)
    client.force_login(getattr(w, role))

    html = client.get(w.cohort.get_absolute_url()).content.decode()

    assert (role in READERS[visibility]) == ("Nos Da Shelter" in html)
    assert reverse("contributions:relationship_map", args=[w.cohort.slug]) in html


def test_a_member_of_another_cohort_gets_404_and_a_visitor_is_asked_to_sign_in(client):
    w = world()
    log_action(cycle_of(w.owner, w.cohort), w.health)
    url = reverse("contributions:relationship_map", args=[w.cohort.slug])

    assert client.get(url).status_code == 302
    client.force_login(w.outsider)
    assert client.get(url).status_code == 404


def test_a_removed_member_loses_the_links_of_the_cohort_they_left(client):
    w = world()
    log_action(cycle_of(w.other, w.cohort, "cohort"), w.health)
    client.force_login(w.coach)
    url = reverse("contributions:relationship_map", args=[w.cohort.slug])
    assert "the health board and Wrexham Council" in client.get(url).content.decode()

    w.cohort.memberships.filter(user=w.other).delete()

    assert "<line" not in client.get(url).content.decode()


def test_the_author_organisation_and_each_named_one_are_linked_in_pairs(client):
    w = world()
    log_action(cycle_of(w.owner, w.cohort), w.health, w.council)
    client.force_login(w.owner)

    html = client.get(reverse("contributions:relationship_map", args=[w.cohort.slug]))
    html = html.content.decode()

    assert picture_in(html).count("<line") == 3
    for pair in (
        "Police and the health board",
        "Police and Wrexham Council",
        "the health board and Wrexham Council",
    ):
        assert f"{pair} worked together in 1 logged action" in html


def test_a_reflection_or_an_action_naming_only_the_author_organisation_draws_no_line(client):
    w = world()
    cycle = cycle_of(w.owner, w.cohort)
    log_action(cycle, w.health, kind="reflection")
    log_action(cycle, w.police)
    client.force_login(w.owner)

    html = client.get(reverse("contributions:relationship_map", args=[w.cohort.slug]))

    assert "<line" not in html.content.decode()


@pytest.mark.parametrize("role", ["owner", "coach", "other", "facilitator", "staff"])
def test_an_offer_taken_up_is_a_link_for_every_member_and_for_no_one_else(client, role):
    """Asks belong to the whole cohort, so their links do too; staff who are not members
    open the cohort's pages but see no ask, nor its link."""
    w = world()
    ask = asks.ask_create(
        author=w.owner, cohort=w.cohort, title="A nurse at a visit", sectors=[Sector.HEALTH]
    )
    offer = asks.offer_create(ask=ask, offerer=w.coach, body="Our nurse can come.")
    asks.offer_take_up(offer=offer, user=w.owner)
    viewer = StaffFactory() if role == "staff" else getattr(w, role)
    client.force_login(viewer)

    html = client.get(reverse("contributions:relationship_map", args=[w.cohort.slug]))
    html = html.content.decode()

    sentence = "Police and the health board worked together in 1 offer of help taken up"
    assert (sentence in html) == (role != "staff")
