"""Faults, and nothing lost (issue 16, item 4): the database stopped, the cache stopped,
a worker killed, each while people are writing.

After each: every form a writer sent is stored exactly once (sent again with its key
after a failed answer) and no multi-row write is half there (ledger.py's invariants).
"""

import redis
import requests

from .harness import wait_until
from .writers import Writers

# Forms the writers send before, between and after the blows.
WARM_UP = 12
BETWEEN_KILLS = 12
KILLS = 8
CUT_OFF = 3  # requests a kill must have cut off, at least
OUTAGE_SECONDS = 60


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
                assert "database" in health.text
            # Down until the writers have met it: their forms failed, to be sent again.
            wait_until(lambda: writers.failed_answers > 0, OUTAGE_SECONDS, "a failed write")
        finally:
            cluster.postgres.start()
        cluster.wait_until_healthy()  # nobody restarted the servers
        writers.wait_for(writers.forms_sent + WARM_UP)

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

    def cache_in_use() -> bool:
        for server in cluster.servers:
            assert after.get(server, "/me/").status_code == 200
        return cache.dbsize() > 0

    # Each server gives a failed cache a few seconds' rest before it tries it again.
    wait_until(cache_in_use, OUTAGE_SECONDS, "the cache in use again")


def test_a_worker_killed_mid_request_leaves_no_partial_write(cluster_ready):
    """SIGKILL, while every worker is busy with writes of several rows: the transaction
    dies with the process, gunicorn starts another worker, the form is sent again."""
    cluster = cluster_ready
    with Writers(cluster, cluster.world["faults"], "[worker killed]") as writers:
        writers.wait_for(WARM_UP)
        kills = 0
        # Every worker is busy nearly all the time; a kill that found one idle cut no
        # request off, so kill on until some did.
        while kills < KILLS or (writers.failed_answers < CUT_OFF and kills < 3 * KILLS):
            for server in cluster.servers:
                server.kill_a_worker()
                kills += 1
            writers.wait_for(writers.forms_sent + BETWEEN_KILLS)

    assert writers.failed_answers >= CUT_OFF
    figures = assert_nothing_lost_nor_half_written(cluster, writers, "[worker killed]")
    print(
        f"\nWorkers killed: {kills}; forms sent: {figures}; "
        f"answers lost and sent again: {writers.failed_answers}."
    )
    cluster.wait_until_healthy()
