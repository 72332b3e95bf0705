"""Locally tasks run at once; in production they wait in the database for `db_worker`."""

import json

from tests.cylch.test_settings import PRODUCTION_ENV, run_python

READ_TASKS = """
import json, django
from django.conf import settings
from django_tasks import task_backends
django.setup()
backend = task_backends["default"]
print(json.dumps({"backend": type(backend).__name__, "defers": backend.supports_defer}))
"""


def backend_of(settings_module, env):
    result = run_python(settings_module, env, ["-c", READ_TASKS])
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_local_tasks_run_at_once_and_production_queues_them_for_a_worker():
    assert backend_of("cylch.settings.local", {}) == {
        "backend": "ImmediateBackend",
        "defers": False,
    }
    assert backend_of("cylch.settings.production", PRODUCTION_ENV) == {
        "backend": "DatabaseBackend",
        "defers": True,  # so a failed send can be tried again later
    }
