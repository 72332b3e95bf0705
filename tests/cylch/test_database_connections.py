"""How every database connection is set up (cylch/apps.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cylch.apps import compile_no_plans_just_in_time

pytestmark = pytest.mark.django_db


def test_postgresql_compiles_no_query_plan_just_in_time_and_sqlite_is_left_alone():
    """Compiling a plan the visibility rule makes look costly took 33 ms on /me/."""
    with CaptureQueriesContext(connection) as queries:
        compile_no_plans_just_in_time(sender=None, connection=connection)

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW jit")
            assert cursor.fetchone() == ("off",)
    else:
        assert len(queries) == 0
