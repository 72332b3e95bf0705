"""Redis stopped: the site keeps serving from the database, and says so in its log once."""

import logging
from unittest import mock

import pytest
from django.core.cache import cache
from django.core.cache.backends.redis import RedisCacheClient
from django.test import override_settings
from redis.exceptions import ResponseError

from tests.cylch.test_healthz import STOPPED_REDIS
from tests.factories import PASSWORD, UserFactory

WITHOUT_REDIS = override_settings(
    CACHES=STOPPED_REDIS, SESSION_ENGINE="django.contrib.sessions.backends.cached_db"
)


@pytest.mark.django_db
@WITHOUT_REDIS
def test_a_person_signs_in_and_reads_their_pages_while_redis_is_stopped(client):
    person = UserFactory(display_name="Ffion Evans")

    signed_in = client.post("/accounts/login/", {"login": person.email, "password": PASSWORD})
    start_page = client.get("/me/")
    issues = client.get("/issues/")

    assert signed_in.status_code == 302
    assert start_page.status_code == 200
    assert "Ffion Evans" in start_page.content.decode()
    assert issues.status_code == 200


@WITHOUT_REDIS
def test_a_stopped_redis_behaves_as_an_empty_cache():
    cache.set("answer", 42)

    assert cache.get("answer") is None
    assert cache.get("answer", "default") == "default"
    assert cache.get_or_set("answer", lambda: 42) == 42
    assert cache.add("answer", 42) is True  # taken, as an empty cache would, and forgotten
    assert cache.get("answer") is None
    assert cache.get_many(["answer"]) == {}
    with pytest.raises(ValueError, match="Key not found"):
        cache.incr("answer")


@WITHOUT_REDIS
def test_the_log_says_once_that_the_redis_cache_fails(caplog):
    with caplog.at_level(logging.WARNING, logger="cylch.cache"):
        for _ in range(3):
            cache.get("answer")

    warnings = [record.getMessage() for record in caplog.records]
    assert len(warnings) == 1
    assert warnings[0].startswith("The Redis cache fails (ConnectionError(")


@WITHOUT_REDIS
def test_after_a_failure_the_cache_rests_instead_of_waiting_on_redis_at_every_call():
    full = ResponseError("OOM command not allowed when used memory > 'maxmemory'.")

    with mock.patch.object(RedisCacheClient, "get", side_effect=full) as redis_get:
        answers = [cache.get("answer", "default") for _ in range(3)]

    assert answers == ["default", "default", "default"]
    assert redis_get.call_count == 1


@WITHOUT_REDIS
def test_a_write_dropped_while_redis_failed_empties_the_cache_before_the_next_read(caplog):
    """A sign-out or an editor's change dropped then must not leave Redis serving the old
    session or the old public pages once it answers again."""
    failing = ResponseError("READONLY You can't write against a read only replica.")
    with mock.patch.object(RedisCacheClient, "delete", side_effect=failing):
        cache.delete("signed-out-session")
    cache._resting_until = 0.0  # the rest is over: Redis answers again

    with (
        mock.patch.object(RedisCacheClient, "clear") as emptied,
        mock.patch.object(RedisCacheClient, "get", return_value=None) as read,
        caplog.at_level(logging.WARNING, logger="cylch.cache"),
    ):
        assert cache.get("signed-out-session") is None
        cache.get("signed-out-session")

    assert emptied.call_count == 1
    assert read.call_count == 2
    assert "emptied: writes were dropped" in caplog.text
