"""Faults, and nothing lost (issue 16, item 4): the database stopped, the cache stopped,
a worker killed, each while people are writing.

After each: every form a writer sent is stored exactly once (sent again with its key
after a failed answer) and no multi-row write is half there (ledger.py's invariants).
"""

import os
import random
import signal

import redis
import requests

from .writers import Writers

# Forms the writers send before, between and after the blows.
WARM_UP = 12
BETWEEN_KILLS = 12
KILL_ROUNDS = 4


def assert_nothing_lost_nor_half_written(cluster, writers: Writers, label: str) -> dict:
    sent = writers.sent
    assert sent.unexpected == []
    entries = cluster.ledger.stored("inquiries_entry", sent.entries, label)
    comments = cluster.ledger.stored("inquiries_comment", sent.comments, label)
    assert (entries.lost, entries.duplicated) == (0, 0), entries
    assert (comments.lost, comments.duplicated) == (0, 0), comments
    assert cluster.ledger.half_written() == dict.fromkeys(cluster.ledger.half_written(), [])
    return {"entries": entries.sent, "comments": comments.sent, "edits": sent.edits}


def test_the_database_stopped_mid_run(cluster_ready):
    """Pages say, kindly, that the site is unavailable; /healthz says the database is
    down; when it is back the servers reconnect by themselves and nothing is lost."""
    cluster = cluster_ready
    alice = cluster.visitor(cluster.world["alice"]["session"])
    with Writers(cluster, cluster.world["faults"], "[database stopped]") as writers:
        writers.wait_for(WARM_UP)
        cluster.postgres.stop("immediate")  # as if it crashed: no checkpoint, no goodbyes
        try:
            for server in cluster.servers:
                page = alice.get(server, "/me/")
                # The friendly page of issue 16, item 1 (a 500 until it is there).
                assert page.status_code == 503
                assert page.headers["Content-Type"].startswith("text/html")
                health = requests.get(server.url + "/healthz", timeout=10)
                assert health.status_code == 503
                assert health.json()["database"] != "ok"
        finally:
            cluster.postgres.start()
        cluster.wait_until_healthy()  # nobody restarted the servers
        writers.wait_for(writers.forms_sent + WARM_UP)

    assert writers.failed_answers > 0  # the writers met the outage, and sent again
    for server in cluster.servers:
        assert alice.get(server, "/me/").status_code == 200
    assert_nothing_lost_nor_half_written(cluster, writers, "[database stopped]")


def test_the_cache_stopped_the_site_serves_from_the_database(cluster_ready):
    """Sessions are kept in the database as well as the cache: nobody is signed out, and
    people can still sign in, read and write. When Redis is back it is used again."""
    cluster = cluster_ready
    email, password = cluster.world["alice"]["email"], cluster.world["password"]
    before = cluster.visitor()
    assert before.sign_in(cluster.a, email, password).status_code == 302
    cluster.redis.stop()
    try:
        assert before.get(cluster.b, "/me/").status_code == 200
        during = cluster.visitor()
        assert during.sign_in(cluster.b, email, password).status_code == 302
        assert during.get(cluster.a, "/me/").status_code == 200
        assert cluster.visitor().get(cluster.b, "/").status_code == 200
        with Writers(cluster, cluster.world["faults"][:2], "[cache stopped]") as writers:
            writers.wait_for(6)
        assert_nothing_lost_nor_half_written(cluster, writers, "[cache stopped]")
        health = requests.get(cluster.a.url + "/healthz", timeout=10)
        assert health.status_code == 200
        assert "degraded" in health.text
    finally:
        cluster.redis.start()

    cache = redis.Redis.from_url(cluster.redis.url)
    assert cache.dbsize() == 0  # a new, empty Redis
    after = cluster.visitor()
    assert after.sign_in(cluster.b, email, password).status_code == 302
    assert after.get(cluster.a, "/me/").status_code == 200
    assert cache.dbsize() > 0


def test_a_worker_killed_mid_request_leaves_no_partial_write(cluster_ready):
    """SIGKILL, while every worker is busy with writes of several rows: the transaction
    dies with the process, gunicorn starts another worker, the form is sent again."""
    cluster = cluster_ready
    with Writers(cluster, cluster.world["faults"], "[worker killed]") as writers:
        writers.wait_for(WARM_UP)
        for _ in range(KILL_ROUNDS):
            for server in cluster.servers:
                os.kill(random.choice(server.worker_pids()), signal.SIGKILL)  # noqa: S311
            writers.wait_for(writers.forms_sent + BETWEEN_KILLS)

    figures = assert_nothing_lost_nor_half_written(cluster, writers, "[worker killed]")
    print(
        f"\nWorkers killed: {KILL_ROUNDS * len(cluster.servers)}; forms sent: {figures}; "
        f"answers lost and sent again: {writers.failed_answers}."
    )
    cluster.wait_until_healthy()
