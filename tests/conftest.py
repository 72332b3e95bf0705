import pytest
from django.core.cache import cache
from django.test import override_settings

from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters and public pages (kernel/page_cache.py) live in the cache: no test
    inherits another's."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def database_queue():
    """Tasks wait in the database for a worker, as in production (tests/background.py)."""
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        yield


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings, request):
    """Start Playwright before the test database when browser tests are collected.

    Browser tests restore the rows migrations made (serialized_rollback). The
    copy is taken when the database is set up, and is lost if Playwright's
    event loop starts only afterwards and Django sees another connection.
    """
    if any(item.get_closest_marker("e2e") for item in request.session.items):
        request.getfixturevalue("playwright")
