"""cms/demo.py on its own: it publishes onto the issues and cohorts it finds.

What the whole demo publishes, and that it publishes nothing twice, is checked
in tests/cylch/test_seed_demo.py.
"""

import pytest

from cms import demo
from cms.models import WeeknotePage
from cohorts.models import Cohort, Issue
from tests.factories import IssueFactory

pytestmark = pytest.mark.django_db


def test_seed_uses_issues_and_cohorts_the_cohorts_demo_made_first(monkeypatch):
    # A few weeknotes are enough here; publishing all of them takes seconds.
    monkeypatch.setattr(demo, "WEEKNOTES", demo.WEEKNOTES[:3])
    theirs = IssueFactory(slug="drugs-in-wrexham", title="Drugs in Wrexham (theirs)")

    demo.seed()

    assert Issue.objects.filter(slug="drugs-in-wrexham").get() == theirs
    assert Cohort.objects.get(slug="wrexham-2026").issue == theirs
    assert WeeknotePage.objects.filter(issue=theirs).exists()
