"""The picture: a stable layout, escaped names, the period control and the sentences."""

import datetime
import re

import pytest
from django.urls import reverse

from cohorts.models import Sector
from contributions.map_svg import map_svg
from contributions.relationships import relationship_map
from tests.contributions.builders import (
    ENDS_ON,
    cycle_of,
    log_action,
    new_participant,
    picture_in,
    world,
)
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

AFTER_THE_COHORT = ENDS_ON + datetime.timedelta(days=100)


def drawn(viewer, cohort):
    the_map = relationship_map(viewer, cohort, today=AFTER_THE_COHORT)
    return map_svg(the_map, title="Map", description="Desc")


def node_names(svg):
    return re.findall(r"<g><title>([^<]*) \(", svg)


def test_the_same_data_gives_the_same_picture(client):
    w = world()
    cycle = cycle_of(w.owner, w.cohort)
    log_action(cycle, w.health, w.council)
    log_action(cycle, w.health)

    first = drawn(w.owner, w.cohort)
    second = drawn(w.owner, w.cohort)
    client.force_login(w.owner)
    url = reverse("contributions:relationship_map", args=[w.cohort.slug])

    assert first == second
    assert picture_in(client.get(url).content.decode()) == picture_in(
        client.get(url).content.decode()
    )


def test_organisations_sit_by_sector_then_name_and_a_new_one_keeps_the_order(client):
    w = world()
    log_action(cycle_of(w.owner, w.cohort), w.health)
    new_participant(w.cohort, OrganisationFactory(name="Betsi Cadwaladr", sector=Sector.HEALTH))

    assert node_names(drawn(w.owner, w.cohort)) == [
        "Police",
        "Betsi Cadwaladr",
        "the health board",
        "Wrexham Council",
    ]

    new_participant(w.cohort, OrganisationFactory(name="North Wales Fire", sector=Sector.FIRE))

    assert node_names(drawn(w.owner, w.cohort)) == [
        "Police",
        "Betsi Cadwaladr",
        "the health board",
        "Wrexham Council",
        "North Wales Fire",
    ]


def test_names_are_escaped_in_the_picture_the_table_and_the_sentences(client):
    w = world()
    tricky = OrganisationFactory(name='Tŷ <b>"Help"</b> & Co', sector=Sector.CHARITY)
    log_action(cycle_of(w.owner, w.cohort), tricky)
    client.force_login(w.owner)

    html = client.get(reverse("contributions:relationship_map", args=[w.cohort.slug]))
    html = html.content.decode()

    assert "<b>" not in html
    assert "Tŷ &lt;b&gt;&quot;Help&quot;&lt;/b&gt; &amp; Co" in picture_in(html)
    assert html.count("Tŷ &lt;b&gt;&quot;Help&quot;&lt;/b&gt; &amp; Co") >= 4


def test_the_picture_is_an_image_with_a_title_and_a_description(client):
    w = world()
    log_action(cycle_of(w.owner, w.cohort), w.health)
    client.force_login(w.owner)

    html = client.get(reverse("contributions:relationship_map", args=[w.cohort.slug]))
    svg = picture_in(html.content.decode())

    assert 'role="img" aria-labelledby="relationship-map-title relationship-map-desc"' in svg
    assert (
        f'<title id="relationship-map-title">Relationship map of {w.cohort.name}, all time' in svg
    )
    assert "3 organisations of the cohort, on a circle by sector; 1 line joins two" in svg


def test_the_summary_says_how_often_two_organisations_worked_together(client):
    w = world()
    cycle = cycle_of(w.owner, w.cohort)
    for day in range(1, 5):
        log_action(cycle, w.health, on=datetime.date(2025, 5, day))
    for day in range(1, 4):
        log_action(cycle, w.health, on=datetime.date(2025, 6, day))
    client.force_login(w.coach)

    html = client.get(reverse("contributions:relationship_map", args=[w.cohort.slug]))

    assert (
        "Police and the health board worked together in 7 logged actions, 3 of them in June 2025."
        in html.content.decode()
    )


def test_the_period_control_shows_how_the_web_grew(client):
    w = world()
    cycle = cycle_of(w.owner, w.cohort)
    log_action(cycle, w.health, on=datetime.date(2025, 2, 3))
    log_action(cycle, w.health, on=datetime.date(2025, 3, 3))
    log_action(cycle, w.council, on=datetime.date(2025, 3, 4))
    client.force_login(w.owner)
    url = reverse("contributions:relationship_map", args=[w.cohort.slug])

    january = client.get(url, {"month": "2025-01"}).content.decode()
    february = client.get(url, {"month": "2025-02"}).content.decode()
    march = client.get(url, {"month": "2025-03"}).content.decode()
    all_time = client.get(url).content.decode()

    assert '<option value="2025-06">Up to the end of June 2025</option>' in all_time
    assert "No actions involving two organisations were logged up to the end of January" in january
    assert picture_in(february).count("<line") == 1
    assert "worked together in 1 logged action, 1 of them in February 2025." in february
    assert '<option value="2025-02" selected>' in february
    assert picture_in(march).count("<line") == 2
    assert (
        "Police and the health board worked together in 2 logged actions, 1 of them in March"
        in march
    )
    # New in March: the council link alone, dashed in the picture and listed.
    new_links = march[march.index("New links in March 2025") : march.index("Strongest links")]
    assert "Police and Wrexham Council" in new_links
    assert "the health board" not in new_links
    assert picture_in(march).count('stroke-dasharray="8 4"') == 1
    # All time calls out the cohort's latest month, June, with nothing new in it.
    assert "No new links in June 2025." in all_time


def test_a_month_outside_the_cohort_shows_all_time(client):
    w = world()
    log_action(cycle_of(w.owner, w.cohort), w.health, on=datetime.date(2025, 2, 3))
    client.force_login(w.owner)
    url = reverse("contributions:relationship_map", args=[w.cohort.slug])

    html = client.get(url, {"month": "<script>"}).content.decode()

    assert "all time" in picture_in(html)
    assert "<script>" not in html.split("<main", 1)[1]
