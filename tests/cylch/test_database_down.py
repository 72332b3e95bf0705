"""A database that does not answer: people get a page asking them to try again, not a 500."""

import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.db import OperationalError, ProgrammingError
from django.db.backends.utils import CursorWrapper
from django.test import Client

ROOT = Path(__file__).resolve().parents[2]

PAGES_WITHOUT_DATABASE = """
import django
django.setup()
from django.test import Client
client = Client(raise_request_exception=False)
heading = "<h1>Cylch is not available just now</h1>"
for path in ("/", "/issues/", "/weeknotes/"):
    response = client.get(path)
    print(path, response.status_code, response["Retry-After"], heading in response.content.decode())
"""


def failing_queries(error):
    return mock.patch.object(CursorWrapper, "execute", side_effect=error)


@pytest.mark.django_db
def test_a_page_whose_database_stops_answering_asks_to_try_again():
    client = Client(raise_request_exception=False)

    with failing_queries(OperationalError("server closed the connection unexpectedly")):
        response = client.get("/issues/")

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    page = response.content.decode()
    assert "<h1>Cylch is not available just now</h1>" in page
    assert "Nothing you had already saved is lost" in page
    assert "server closed the connection" not in page


@pytest.mark.django_db
def test_a_mistake_in_a_query_is_still_an_error_of_ours():
    client = Client(raise_request_exception=False)

    with failing_queries(ProgrammingError("column does not exist")):
        response = client.get("/issues/")

    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


def test_every_page_answers_503_when_postgresql_is_unreachable():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cylch.settings.test",
        "DATABASE_URL": "postgresql://nobody@127.0.0.1:9/unreachable?connect_timeout=2",
    }

    result = subprocess.run(
        [sys.executable, "-c", PAGES_WITHOUT_DATABASE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )

    assert result.stdout.splitlines() == [
        "/ 503 30 True",
        "/issues/ 503 30 True",
        "/weeknotes/ 503 30 True",
    ]


class SessionReadFails:
    """Stands for a middleware whose first query fails, as the session's read would."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        raise OperationalError("could not connect to server")


@pytest.mark.django_db
def test_a_database_failure_in_a_middleware_gets_the_503_page_too(settings):
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, f"{__name__}.SessionReadFails"]
    client = Client(raise_request_exception=False)

    response = client.get("/issues/")

    assert response.status_code == 503
    assert "<h1>Cylch is not available just now</h1>" in response.content.decode()
