import pytest

from tests.cms.builders import make_weeknote, weeknote_index
from tests.factories import CohortFactory, IssueFactory, UserFactory


@pytest.fixture
def index(db):
    return weeknote_index()


@pytest.fixture
def author(db):
    return UserFactory(display_name="Nia Evans", email="nia.private@example.org")


@pytest.fixture
def issue(db):
    return IssueFactory(title="Drugs in Wrexham", slug="drugs-in-wrexham")


@pytest.fixture
def cohort(issue):
    return CohortFactory(name="Wrexham 2026", slug="wrexham-2026", issue=issue, place="Wrexham")


@pytest.fixture
def fuzzed(author, cohort):
    """A published weeknote with one byline and one tag, for tests that rewrite its text."""
    return make_weeknote(
        title="Fuzzed", authors=[author], tags=["fuzzed"], issue=cohort.issue, cohort=cohort
    )
