"""Throughput of Cylch's main pages, served by gunicorn as in production.

Builds a database at scale (its own SQLite file unless DATABASE_URL is set),
starts gunicorn on 127.0.0.1, and loads each page with wrk if installed (else
a simple threaded client), signed in where the page needs it. Results go to
bench/results/ as JSON and are printed as a table. Not a test: run it with
`make bench` and report the figures.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PORT = 8765


def django_setup(database_url: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "cylch.settings.local"
    os.environ["DATABASE_URL"] = database_url
    os.environ["DEBUG"] = "false"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def build_data(scale: float, seed: int):
    """Demo data, plus the programme at this scale unless an earlier run built it;
    returns where the pages are."""
    from django.core.management import call_command

    from bench.scale import AlreadyBuilt, build_scale_data, landmarks

    call_command("migrate", verbosity=0)
    call_command("seed_demo", verbosity=0)
    try:
        build_scale_data(scale=scale, seed=seed)
    except AlreadyBuilt:
        print("Using the data at scale already in the database.")
    return landmarks()


def session_cookie(user) -> str:
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def start_gunicorn(env: dict, workers: int) -> subprocess.Popen:
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        "cylch.wsgi",
        "--bind", f"127.0.0.1:{PORT}",
        "--workers", str(workers),
        "--no-control-socket",
        "--log-level", "warning",
    ]  # fmt: skip
    server = subprocess.Popen(command, cwd=ROOT, env=env)  # noqa: S603
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz", timeout=1)  # noqa: S310
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not start")


def load_with_wrk(url, cookie, seconds, concurrency):
    command = ["wrk", f"-t{min(concurrency, 2)}", f"-c{concurrency}", f"-d{seconds}s", "--latency"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(  # noqa: S603
        [*command, url], capture_output=True, text=True, check=True
    ).stdout
    rate = float(output.split("Requests/sec:")[1].split()[0])
    p50 = output.split("50%")[1].split()[0]
    p99 = output.split("99%")[1].split()[0]
    errors = "Non-2xx" in output or "Socket errors" in output
    return {"requests_per_second": rate, "p50": p50, "p99": p99, "errors": errors}


def load_with_threads(url, cookie, seconds, concurrency):
    latencies, failures, stop = [], [0], time.monotonic() + seconds

    def worker():
        headers = {"Cookie": cookie} if cookie else {}
        request = urllib.request.Request(url, headers=headers)  # noqa: S310 - our own 127.0.0.1
        while time.monotonic() < stop:
            started = time.monotonic()
            try:
                with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
                    response.read()
                latencies.append(time.monotonic() - started)
            except OSError:
                failures[0] += 1

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    quantiles = statistics.quantiles(latencies, n=100)
    return {
        "requests_per_second": round(len(latencies) / seconds, 1),
        "p50": f"{quantiles[49] * 1000:.1f}ms",
        "p99": f"{quantiles[98] * 1000:.1f}ms",
        "errors": failures[0] > 0,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=0.1, help="of the full programme, 0.01 to 1")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()

    RESULTS.mkdir(parents=True, exist_ok=True)
    database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{RESULTS / 'bench.sqlite3'}"
    django_setup(database_url)
    data = build_data(args.scale, args.seed)
    cookie = session_cookie(data.facilitator)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cylch.settings.local",
        "DATABASE_URL": database_url,
        "DEBUG": "false",
    }
    pages = [
        ("health check", "/healthz", None),
        ("home", "/", None),
        ("issues", "/issues/", None),
        ("issue page", f"/issues/{data.issue_slug}/", None),
        ("cohort page", f"/cohorts/{data.cohort_slug}/", cookie),
        ("formation page", f"/cohorts/{data.cohort_slug}/invitations/", cookie),
    ]
    load = load_with_wrk if shutil.which("wrk") else load_with_threads
    server = start_gunicorn(env, args.workers)
    results = {"settings": vars(args), "database": database_url.split(":")[0], "pages": {}}
    try:
        for label, path, page_cookie in pages:
            outcome = load(
                f"http://127.0.0.1:{PORT}{path}", page_cookie, args.seconds, args.concurrency
            )
            results["pages"][label] = {"path": path, **outcome}
            flag = "  ERRORS" if outcome["errors"] else ""
            print(
                f"{label:16} {outcome['requests_per_second']:8.1f} req/s"
                f"  p50 {outcome['p50']:>8}  p99 {outcome['p99']:>8}{flag}"
            )
    finally:
        server.terminate()
        server.wait()
    out = RESULTS / f"bench-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps(results, indent=2))
    print(f"Saved {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
