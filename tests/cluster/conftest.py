"""The cluster, once for the whole run: a private PostgreSQL and Redis, the database
migrated and peopled (world.py), and two gunicorn servers in production settings on
loopback. Everything it started is stopped at the end, however the run ends; the
servers' logs are kept in artifacts/cluster/.

Not collected by `make test` (pyproject's addopts ignore this folder); `make
test-cluster` runs it.
"""

import json
import shutil
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import requests

from .harness import (
    ROOT,
    AppServer,
    PrivatePostgres,
    PrivateRedis,
    make_workdir,
    production_env,
    run_python,
    wait_until,
)
from .ledger import Ledger
from .visitors import Visitor

ARTIFACTS = ROOT / "artifacts"
RECOVERY_SECONDS = 60


@dataclass
class Cluster:
    postgres: PrivatePostgres
    redis: PrivateRedis
    env: dict
    world: dict
    servers: list[AppServer] = field(default_factory=list)

    @property
    def a(self) -> AppServer:
        return self.servers[0]

    @property
    def b(self) -> AppServer:
        return self.servers[1]

    @property
    def ledger(self) -> Ledger:
        return Ledger(self.postgres.url)

    def visitor(self, session: str | None = None) -> Visitor:
        return Visitor(self.world, session)

    def wait_until_healthy(self) -> None:
        """Both servers answer /healthz with 200: what a load balancer waits for."""

        def healthy() -> bool:
            try:
                return all(
                    requests.get(s.url + "/healthz", timeout=5).status_code == 200
                    for s in self.servers
                )
            except requests.RequestException:
                return False

        wait_until(healthy, RECOVERY_SECONDS, "the cluster's /healthz")


@pytest.fixture(scope="session")
def cluster():
    workdir = make_workdir()
    parts = []
    try:
        started = time.monotonic()
        postgres = PrivatePostgres(workdir)
        parts.append(postgres)
        redis = PrivateRedis()
        parts.append(redis)
        env = production_env(
            database_url=postgres.url, redis_url=redis.url, media_root=workdir / "media"
        )
        with ThreadPoolExecutor() as both:
            static = both.submit(run_python, env, "manage.py", "collectstatic", "--no-input")
            run_python(env, "manage.py", "migrate", "--no-input")
            static.result()
        world = json.loads(run_python(env, "-m", "tests.cluster.world").splitlines()[-1])
        running = Cluster(postgres=postgres, redis=redis, env=env, world=world)
        for name in ("a", "b"):
            running.servers.append(AppServer(name, env, workdir))
            parts.append(running.servers[-1])
        for server in running.servers:
            server.wait_until_ready()
        print(f"\nThe cluster is up after {time.monotonic() - started:.0f} s.")
        yield running
    finally:
        for part in reversed(parts):
            part.close()
        kept = ARTIFACTS / "cluster"
        kept.mkdir(parents=True, exist_ok=True)
        for log in workdir.glob("*.log"):
            shutil.copy(log, kept / log.name)
        for log in workdir.glob("postgres/log"):
            shutil.copy(log, kept / "postgres.log")
        shutil.rmtree(workdir, ignore_errors=True)


def write_artifact(name: str, figures: dict) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    path.write_text(json.dumps(figures, indent=2) + "\n")
    return path


@pytest.fixture
def cluster_ready(cluster):
    """The cluster as a test finds it: every part up, whatever an earlier test stopped."""
    if not cluster.postgres.running:
        cluster.postgres.start()
    if cluster.redis.process.poll() is not None:
        cluster.redis.start()
    cluster.wait_until_healthy()
    return cluster
