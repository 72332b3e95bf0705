"""How every database connection is set up (cylch/apps.py)."""

import pytest
from django.db import DEFAULT_DB_ALIAS, connections

from cylch.apps import SETTINGS_FOR_WEB_REQUESTS

pytestmark = pytest.mark.django_db


@pytest.fixture
def new_connection():
    fresh = connections.create_connection(DEFAULT_DB_ALIAS)
    fresh.force_debug_cursor = True  # log what is run as it connects
    fresh.ensure_connection()
    yield fresh
    fresh.close()


def test_postgresql_compiles_no_plan_just_in_time_nor_runs_parallel_workers(new_connection):
    """Compiling a plan the visibility rule makes look costly took 33 ms on /me/, and a
    search with parallel workers took three processes' CPU."""
    if new_connection.vendor == "postgresql":
        with new_connection.cursor() as cursor:
            for setting, value in SETTINGS_FOR_WEB_REQUESTS.items():
                cursor.execute(f"SHOW {setting}")
                assert cursor.fetchone() == (value,)
    else:  # SQLite has neither, and is left alone
        assert len(new_connection.queries_log) == 0
