import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings

ROOT = Path(__file__).resolve().parents[2]

# Redis's URL on a loopback port nobody listens on: a Redis that has stopped.
STOPPED_REDIS = {
    "default": {
        "BACKEND": "cylch.cache.ForgivingRedisCache",
        "LOCATION": "redis://127.0.0.1:9/0",
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
}

# A client request in a process whose database is a PostgreSQL port nobody listens on.
REQUEST_WITHOUT_DATABASE = """
import django
django.setup()
from django.test import Client
response = Client().get("/healthz")
print(response.status_code, response.content.decode())
"""


@pytest.mark.django_db
def test_healthz_reports_a_working_database_and_cache(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_says_degraded_but_serving_when_redis_does_not_answer(client):
    with override_settings(CACHES=STOPPED_REDIS):
        response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "ok", "cache": "unreachable"}


def test_healthz_answers_503_when_the_database_is_unreachable():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cylch.settings.test",
        "DATABASE_URL": "postgresql://nobody@127.0.0.1:9/unreachable?connect_timeout=2",
    }

    result = subprocess.run(
        [sys.executable, "-c", REQUEST_WITHOUT_DATABASE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )

    status, body = result.stdout.split(" ", 1)
    assert status == "503"
    assert json.loads(body) == {"status": "error", "database": "unreachable", "cache": "ok"}
