"""cms/demo.py: a few dozen published weeknotes, and nothing twice."""

import pytest
from django.core.management import call_command

from cms import demo
from cms.models import WeeknotePage
from cohorts.models import Cohort, Issue
from tests.factories import IssueFactory

pytestmark = pytest.mark.django_db


def test_seed_publishes_weeknotes_across_issues_cohorts_authors_and_tags(client):
    call_command("seed_demo")

    weeknotes = WeeknotePage.objects.live().public()
    assert weeknotes.count() == demo.COUNT
    assert set(weeknotes.values_list("issue__slug", flat=True)) == {
        "drugs-in-wrexham",
        "ageing-well",
        "place-based-working",
    }
    assert {"wrexham-2026", "rhyl-2026"} <= set(weeknotes.values_list("cohort__slug", flat=True))
    assert len(set(weeknotes.values_list("authors__slug", flat=True))) == len(demo.AUTHORS)
    assert len(set(weeknotes.values_list("tags__slug", flat=True))) == len(demo.TAGS)
    assert (
        "Priya Participant" in client.get("/weeknotes/?author=priya-participant").content.decode()
    )


def test_seed_twice_changes_nothing(capsys):
    call_command("seed_demo")
    first = sorted(WeeknotePage.objects.values_list("pk", "slug", "live", "latest_revision_id"))

    call_command("seed_demo")

    assert (
        sorted(WeeknotePage.objects.values_list("pk", "slug", "live", "latest_revision_id"))
        == first
    )
    assert f"0 published, {demo.COUNT} already there" in capsys.readouterr().out


def test_seed_uses_issues_and_cohorts_the_cohorts_demo_made_first():
    theirs = IssueFactory(slug="drugs-in-wrexham", title="Drugs in Wrexham (theirs)")

    demo.seed()

    assert Issue.objects.filter(slug="drugs-in-wrexham").get() == theirs
    assert Cohort.objects.get(slug="wrexham-2026").issue == theirs
    assert WeeknotePage.objects.filter(issue=theirs).exists()
