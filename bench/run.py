"""Throughput of Cylch's pages, served by gunicorn with production settings.

Builds the programme at scale in its own database (a SQLite file in bench/results/
unless DATABASE_URL is set), starts gunicorn on 127.0.0.1, loads each page with wrk
from its own process, and reports requests/s, p50 and p99, CPU per request (app and
database), queries and bytes, against a static file served by the same server.
Writes a Markdown table and JSON to bench/results/. Not a test: `make bench`.
"""

import argparse
import importlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PORT = 8765
REDIS_DATABASE = 13  # the benchmark's own, emptied at start


def production_environment(database_url: str, redis_url: str) -> dict:
    return {
        "DJANGO_SETTINGS_MODULE": "cylch.settings.production",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "SECRET_KEY": "bench-only-not-secret-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SITE_URL": f"http://127.0.0.1:{PORT}",
        "SECURE_SSL_REDIRECT": "false",  # plain HTTP on loopback; no proxy in front
        "DEBUG": "false",
    }


def prepare(scale: float, seed: int) -> None:
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection

    from bench.scale import AlreadyBuilt, build_scale_data

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    cache.clear()
    try:
        build_scale_data(scale=scale, seed=seed)
    except AlreadyBuilt:
        print("Using the data at scale already in this database.")
    if connection.vendor == "postgresql":
        # Fresh statistics, as autovacuum would have made by now in production: planned
        # from a bulk load's empty ones, a search took 5.4 s instead of 66 ms.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def session_cookies() -> dict[str, str]:
    """A signed-in session for each role a page needs, made as a login would."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    from bench.scale import landmarks

    store = importlib.import_module(settings.SESSION_ENGINE).SessionStore
    data = landmarks()
    cookies = {}
    for role, user in (("owner", data.owner), ("facilitator", data.facilitator)):
        session = store()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.save()
        cookies[role] = session.session_key
    return cookies


def queries_and_bytes(page, cookies: dict) -> tuple[int, int]:
    """One request in this process, to count its queries and the bytes it sends."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    if page.signed_in_as:
        client.cookies[settings.SESSION_COOKIE_NAME] = cookies[page.signed_in_as]
    with CaptureQueriesContext(connection) as queries:
        response = client.get(page.path)
        body = b"".join(response.streaming_content) if response.streaming else response.content
    if response.status_code != 200:
        raise SystemExit(f"{page.path} answered {response.status_code}")
    return len(queries), len(body)


def start_gunicorn(env: dict, workers: int) -> subprocess.Popen:
    """gunicorn as production runs it (cylch/gunicorn.conf.py), its access log discarded.

    Workers are never recycled here, so the memory figure shows any growth."""
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", PORT)) == 0:
            # Another run's server would be measured in place of ours.
            raise SystemExit(f"Something already answers on port {PORT}: another make bench?")
    command = [str(Path(sys.executable).parent / "gunicorn"), "-c", "cylch/gunicorn.conf.py"]
    server_env = {
        **env,
        "GUNICORN_BIND": f"127.0.0.1:{PORT}",
        "WEB_CONCURRENCY": str(workers),
        "GUNICORN_MAX_REQUESTS": "0",
    }
    server = subprocess.Popen(  # noqa: S603
        command, cwd=ROOT, env=server_env, stdout=subprocess.DEVNULL, start_new_session=True
    )
    for _ in range(150):
        if server.poll() is not None:
            raise SystemExit("gunicorn stopped before answering")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz", timeout=1)  # noqa: S310
            return server
        except OSError:
            time.sleep(0.2)
    stop(server)
    raise SystemExit("gunicorn did not start")


def stop(server: subprocess.Popen) -> None:
    """Stop gunicorn and every worker it started."""
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def measure(pages, cookies, server, database, args, *, seconds) -> list[dict]:
    from django.conf import settings

    from bench.throughput import wrk

    load = {"connections": args.connections, "threads": args.threads}
    rows = []
    for page in pages:
        headers = {}
        if page.signed_in_as:
            headers["Cookie"] = f"{settings.SESSION_COOKIE_NAME}={cookies[page.signed_in_as]}"
        url = f"http://127.0.0.1:{PORT}{page.path}"
        wrk.load(url, headers=headers, seconds=1, **load)  # warm up: connections, templates
        # What the warm-up and the page before left queued is not this load's.
        server.wait_until_idle()
        app_before, database_before = server.cpu(), database.cpu_by_backend()
        outcome = wrk.load(url, headers=headers, seconds=seconds, **load)
        app_cpu = server.cpu() - app_before
        database_after = database.cpu_by_backend()
        requests = max(outcome["requests"], 1)
        row = {
            "label": page.label,
            "path": page.path,
            **outcome,
            "app_cpu_ms": round(app_cpu * 1000 / requests, 2),
            "database_cpu_ms": (
                round(database.cpu_between(database_before, database_after) * 1000 / requests, 2)
                if database_after
                else None  # SQLite: the database's work is in the app's CPU
            ),
        }
        rows.append(row)
        trouble = (
            f"  failed {row['failed']} {row['socket_errors']}"
            if row["failed"] or row["socket_errors"]
            else ""
        )
        latency = (
            f"p50 {row['p50_ms']:7.1f} ms  p99 {row['p99_ms']:7.1f} ms"
            if row["requests"]
            else f"none answered in {seconds} s"
        )
        print(
            f"  {page.label:28} {row['requests_per_second']:8.1f}/s  {latency}"
            f"  app {row['app_cpu_ms']:6.2f} ms{trouble}",
            flush=True,
        )
    return rows


def serve(env, args, run):
    """Start gunicorn with ``env``, call ``run(server)``, and stop it whatever happens."""
    from django.db import connection

    from bench.throughput.processes import Database, Server

    gunicorn = start_gunicorn(env, args.workers)
    try:
        return run(Server(gunicorn.pid), Database(connection))
    finally:
        stop(gunicorn)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=0.1, help="of the full programme, 0.01 to 1")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--seconds", type=int, default=10, help="of load for each page")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2, help="wrk's")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn's")
    parser.add_argument("--only", default="", help="load only the pages whose label contains this")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("make bench needs wrk: apt-get install -y wrk")

    RESULTS.mkdir(parents=True, exist_ok=True)
    default_database = f"sqlite:///{RESULTS / f'bench-{args.scale:g}.sqlite3'}"
    database_url = os.environ.get("DATABASE_URL") or default_database
    redis_url = (
        f"{os.environ.get('REDIS_URL', 'redis://127.0.0.1:6379').rstrip('/')}/{REDIS_DATABASE}"
    )
    env = {**os.environ, **production_environment(database_url, redis_url)}
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()

    from django.db import connection
    from django.utils import timezone

    from bench.throughput import report
    from bench.throughput.pages import pages
    from cms.models import WeeknotePage

    started = timezone.now()
    prepare(args.scale, args.seed)
    cookies = session_cookies()
    chosen = [page for page in pages() if args.only.lower() in page.label.lower()]
    sizes = {page.path: queries_and_bytes(page, cookies) for page in chosen}

    def with_sizes(rows):
        for row in rows:
            row["queries"], row["bytes"] = sizes[row["path"]]
        return rows

    def every_page_twice(server, database):
        print("Every page, without the page cache:")
        first = with_sizes(measure(chosen, cookies, server, database, args, seconds=args.seconds))
        first_memory = server.worker_memory()
        print("Again, to see whether the workers' memory grows:")
        measure(chosen, cookies, server, database, args, seconds=max(args.seconds // 2, 1))
        second_memory = server.worker_memory()
        return first, {
            "first_mb": first_memory / 2**20,
            "second_mb": second_memory / 2**20,
            "growth_percent": 100 * (second_memory - first_memory) / max(first_memory, 1),
        }

    uncached, memory = serve({**env, "PUBLIC_PAGE_CACHE_SECONDS": "0"}, args, every_page_twice)
    public = [page for page in chosen if page.public or page.path.startswith("/static/")]
    print("Anonymous public pages, from the page cache:")
    cached = serve(
        env,
        args,
        lambda server, database: with_sizes(
            measure(public, cookies, server, database, args, seconds=args.seconds)
        ),
    )

    results = {
        "about": {
            "database": connection.vendor,
            "database_version": ".".join(map(str, connection.Database.sqlite_version_info))
            if connection.vendor == "sqlite"
            else connection.cursor().connection.info.server_version,
            "scale": args.scale,
            "seed": args.seed,
            "weeknotes": WeeknotePage.objects.live().count(),
            "commit": report.commit(ROOT),
            "machine": report.machine(),
            "started": started.isoformat(timespec="seconds"),
            **{
                name: getattr(args, name)
                for name in ("seconds", "connections", "threads", "workers")
            },
        },
        "uncached": uncached,
        "cached": cached,
        "memory": memory,
    }
    stem = f"bench-{connection.vendor}-{args.scale:g}-{started:%Y%m%d-%H%M%S}"
    for path in report.save(results, RESULTS, stem):
        print(f"Saved {path.relative_to(ROOT)}")
    print()
    print(report.markdown(results))


if __name__ == "__main__":
    main()
