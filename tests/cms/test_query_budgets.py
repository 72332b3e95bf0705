"""Query budgets: each public view costs the same number of queries with 5 weeknotes or 60.

The weeknotes are built once per size for the whole module (they are committed,
then deleted afterwards), so the budgets are checked at two sizes cheaply.
"""

import datetime

import pytest

from accounts.models import User
from cohorts.models import Cohort, Issue
from tests.cms.builders import make_weeknote
from tests.factories import CohortFactory, IssueFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

# The most queries each may make, whatever the number of weeknotes (see docs/decisions.md).
# One more than measured: the first request in a process also looks up a content type.
BUDGETS = {
    "/": 11,
    "/weeknotes/": 18,
    "/weeknotes/?tag=trust&issue=budget-issue": 18,
    "/weeknotes/?page=2": 18,
    "weeknote": 17,
    "/weeknotes/feed/rss/": 7,
    "/weeknotes/feed/atom/": 7,
    "/open-data/weeknotes.json": 11,
    "/open-data/weeknotes.csv": 7,
    "/open-data/cohorts.json": 8,
    # Each kind of result: every match ranked once (the count and the page's ids), then the
    # page's rows fetched.
    "/search/?q=weeknote": 9,
    # Finds the issue, every cohort (by its issue's title) and every weeknote filed under them.
    "/search/?q=budgetbury": 10,
    "/sitemap.xml": 5,
    "/sitemap-pages.xml": 6,
    "/api/v2/pages/": 11,
}


@pytest.fixture(scope="module", params=[5, 60], ids=["5-weeknotes", "60-weeknotes"])
def weeknotes(request, django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        issue = IssueFactory(slug="budget-issue", title="Drugs in Budgetbury")
        # One cohort for every five weeknotes, so search's cohort results grow too.
        cohorts = [CohortFactory(issue=issue) for _ in range(request.param // 5)]
        people = [UserFactory() for _ in range(3)]
        for person in people:
            MembershipFactory(user=person, cohort=cohorts[0])
        pages = [
            make_weeknote(
                authors=[people[n % 3], people[(n + 1) % 3]],
                tags=["trust", f"tag-{n % 7}"],
                issue=issue,
                cohort=cohorts[n % len(cohorts)],
                week_of=datetime.date(2026, 1, 5) + datetime.timedelta(weeks=n),
                body=[
                    ("heading", {"text": "What happened", "level": "h2"}),
                    ("paragraph", f"<p>Weeknote body {n}.</p>"),
                    ("markdown", "Some **Markdown** with [a link](https://example.org)."),
                    ("quote", {"quote": "A quote.", "attribution": "Someone"}),
                ],
            )
            for n in range(request.param)
        ]
    yield pages
    with django_db_blocker.unblock():
        for page in reversed(pages):
            page.delete()
        Cohort.objects.filter(pk__in=[c.pk for c in cohorts]).delete()
        Issue.objects.filter(pk=issue.pk).delete()
        User.objects.filter(pk__in=[p.pk for p in people]).delete()


@pytest.mark.parametrize("path", list(BUDGETS))
def test_query_budget_does_not_grow_with_the_weeknotes(
    client, weeknotes, path, django_assert_max_num_queries
):
    url = weeknotes[len(weeknotes) // 2].url if path == "weeknote" else path

    with django_assert_max_num_queries(BUDGETS[path]):
        response = client.get(url)

    assert response.status_code == 200
    assert len(response.content) > 0
