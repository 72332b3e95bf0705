"""Links between sectors as open data: counts only, private inquiries left out, at least five."""

import csv
import datetime
import io
import json

import pytest
from wagtail.models import Site

from cms.models import OpenDataSettings
from cohorts.models import Sector
from inquiries.models import Inquiry
from inquiries.services import inquiry_set_visibility
from kernel.page_cache import STATUS_HEADER
from tests.contributions.builders import cycle_of, log_action, log_actions, world
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

MARCH = datetime.date(2025, 3, 10)


def downloaded(response):
    assert response.status_code == 200
    return response.content.decode()


def published(client):
    return json.loads(downloaded(client.get(JSON)))["sector-links"]


JSON = "/open-data/sector-links.json"


@pytest.mark.parametrize(("actions", "shown"), [(4, False), (5, True)])
def test_a_number_is_published_only_with_five_actions_behind_it(client, actions, shown):
    w = world()
    log_actions(cycle_of(w.owner, w.cohort, "coaches"), [w.health], actions, on=MARCH)

    rows = published(client)

    expected = {
        "issue": w.cohort.issue.slug,
        "issue_title": w.cohort.issue.title,
        "month": "2025-03",
        "sector_a": "health",
        "sector_b": "police",
        "links": 1,
        "actions": 5,
    }
    assert rows == ([expected] if shown else [])


def test_actions_of_private_inquiries_never_count(client):
    w = world()
    log_actions(cycle_of(w.owner, w.cohort, "private"), [w.health], 10, on=MARCH)
    log_actions(cycle_of(w.other, w.cohort, "cohort"), [w.health], 4, on=MARCH)

    assert published(client) == []


def test_sectors_are_counted_per_issue_and_month_never_naming_organisations(client):
    w = world()
    second_police = OrganisationFactory(name="British Transport Police", sector=Sector.POLICE)
    cycle = cycle_of(w.owner, w.cohort, "cohort")
    log_actions(cycle, [w.health], 3, on=MARCH)
    log_actions(cycle_of(w.other, w.cohort, "coaches"), [w.police, w.health], 3, on=MARCH)
    log_actions(cycle, [second_police], 5, on=datetime.date(2025, 4, 1))

    response = downloaded(client.get("/open-data/sector-links.csv"))
    rows = list(csv.DictReader(io.StringIO(response)))

    assert [(r["month"], r["sector_a"], r["sector_b"], r["links"], r["actions"]) for r in rows] == [
        # Police and the health board: 3 actions of the owner, 3 of the council's member
        # naming both. The council's links to each (3 actions) stay unpublished.
        ("2025-03", "health", "police", "1", "6"),
        ("2025-04", "police", "police", "1", "5"),
    ]
    for name in ("Police", "health board", "Council", "British Transport"):
        assert name not in response


def test_the_open_data_page_describes_the_dataset_and_escapes_it(client):
    w = world()
    w.cohort.issue.title = 'Drugs <b>&</b> "the town"'
    w.cohort.issue.save()
    log_actions(cycle_of(w.owner, w.cohort, "cohort"), [w.health], 5, on=MARCH)

    page = client.get("/open-data/").content.decode()
    raw = downloaded(client.get("/open-data/sector-links.json"))
    csv_text = downloaded(client.get("/open-data/sector-links.csv"))

    assert 'href="/open-data/sector-links.json"' in page
    assert 'href="/open-data/sector-links.csv"' in page
    for field in ("issue", "month", "sector_a", "sector_b", "links", "actions"):
        assert f"<code>{field}</code>" in page
    assert "<b>" not in raw
    assert "\\u003cb\\u003e\\u0026\\u003c/b\\u003e" in raw
    assert json.loads(raw)["licence"]
    assert list(csv.reader(io.StringIO(csv_text)))[1][1] == 'Drugs <b>&</b> "the town"'


def test_an_unknown_dataset_is_not_found(client):
    assert client.get("/open-data/nothing-here.json").status_code == 404


# The files are kept in the public page cache (contributions/open_data.py says what renews them).


@pytest.fixture
def licence(db):
    """Made on the first download otherwise, and its making (as any change) empties the cache."""
    return OpenDataSettings.for_site(Site.objects.get(is_default_site=True))


def test_an_inquiry_made_private_leaves_the_counts_at_once(client, licence):
    w = world()
    cycle = cycle_of(w.owner, w.cohort, "cohort")
    log_actions(cycle, [w.health], 5, on=MARCH)
    assert len(published(client)) == 1
    assert client.get(JSON)[STATUS_HEADER] == "hit"

    inquiry_set_visibility(inquiry=cycle.inquiry, user=w.owner, visibility="private")

    assert published(client) == []

    inquiry_set_visibility(inquiry=cycle.inquiry, user=w.owner, visibility="coaches")

    assert len(published(client)) == 1


def test_an_inquiry_saved_whole_as_private_leaves_the_counts_at_once(client, licence):
    """As a form or the admin saves it: every field, visibility among them."""
    w = world()
    cycle = cycle_of(w.owner, w.cohort, "cohort")
    log_actions(cycle, [w.health], 5, on=MARCH)
    assert len(published(client)) == 1

    cycle.inquiry.visibility = "private"
    cycle.inquiry.save()

    assert published(client) == []


def test_a_deleted_inquiry_leaves_the_counts_at_once(client, licence):
    w = world()
    cycle = cycle_of(w.owner, w.cohort, "cohort")
    log_actions(cycle, [w.health], 5, on=MARCH)
    assert len(published(client)) == 1

    Inquiry.objects.filter(pk=cycle.inquiry_id).delete()

    assert published(client) == []


def test_logging_an_action_keeps_every_public_page_cached(client, licence):
    """A new count may wait up to the cache's time-to-live: renewing every public page
    whenever anyone logs an action would leave none of them cached."""
    w = world()
    cycle = cycle_of(w.owner, w.cohort, "cohort")
    log_actions(cycle, [w.health], 4, on=MARCH)
    assert published(client) == []
    client.get("/issues/")

    log_action(cycle, w.health, on=MARCH)

    assert client.get(JSON)[STATUS_HEADER] == "hit"
    assert client.get("/issues/")[STATUS_HEADER] == "hit"
    assert published(client) == []
