"""Sign-up answer times for new and already registered addresses.

Whether an address has an account must not show in how long the sign-up
takes. This starts gunicorn (one worker, production's PBKDF2 hasher, email on
the console) on a throwaway SQLite database, posts sign-ups for new addresses
and for registered ones, interleaved, each with a fresh session and CSRF
token, and prints the median and p90 of each and their difference. Not a
test: run it and report the figures (bench/README.md).
"""

import argparse
import http.client
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
PORT = 8766
SIGNUP = "/accounts/signup/"
PASSWORD = "correct-horse-battery-staple-9"  # noqa: S105 - a sign-up form's input
# allauth allows 20 sign-ups a minute from one address; each sign-up comes from
# one of these loopback addresses so that the limit, left on, is never reached.
SOURCE_ADDRESSES = [f"127.0.0.{n}" for n in range(2, 42)]


def prepare_database(database_url: str, registered: list[str]) -> None:
    """Migrate, then add the registered accounts with verified addresses."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "cylch.settings.local"
    os.environ["DATABASE_URL"] = database_url
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from allauth.account.models import EmailAddress
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command

    from accounts.models import User

    call_command("migrate", verbosity=0)
    hashed = make_password(PASSWORD)  # hashed once: a million rounds per account adds nothing
    users = User.objects.bulk_create(
        User(email=email, password=hashed, display_name="Registered") for email in registered
    )
    EmailAddress.objects.bulk_create(
        EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in users
    )


def start_gunicorn(database_url: str, mail_log) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cylch.settings.local",
        "DATABASE_URL": database_url,
        "DEBUG": "false",
        "EMAIL_HOST": "",  # the console backend: each email is written to mail_log
    }
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        "cylch.wsgi",
        "--bind", f"127.0.0.1:{PORT}",
        "--workers", "1",
        "--no-control-socket",
        "--log-level", "warning",
    ]  # fmt: skip
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=mail_log)  # noqa: S603
    for _ in range(150):
        try:
            request("GET", "/healthz", SOURCE_ADDRESSES[0])
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not start")


def request(method, path, source, body=None, headers=None):
    connection = http.client.HTTPConnection(
        "127.0.0.1", PORT, timeout=30, source_address=(source, 0)
    )
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.getheader("Location"), response.headers, response.read()
    finally:
        connection.close()


def sign_up(email: str, source: str) -> tuple[float, int, str]:
    """GET the form for a fresh session and token, then time the POST alone."""
    _, _, headers, page = request("GET", SIGNUP, source)
    cookies = SimpleCookie()
    for value in headers.get_all("Set-Cookie") or []:
        cookies.load(value)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
    body = urlencode(
        {
            "csrfmiddlewaretoken": token,
            "email": email,
            "display_name": "Someone",
            "password1": PASSWORD,
            "password2": PASSWORD,
        }
    )
    post_headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": "; ".join(f"{key}={morsel.value}" for key, morsel in cookies.items()),
        "Referer": f"http://127.0.0.1:{PORT}{SIGNUP}",
    }
    started = time.perf_counter()
    status, location, _, _ = request("POST", SIGNUP, source, body, post_headers)
    return time.perf_counter() - started, status, location


def summary(label: str, seconds: list[float]) -> tuple[float, float]:
    median = statistics.median(seconds) * 1000
    p90 = statistics.quantiles(seconds, n=10)[8] * 1000
    low, high = min(seconds) * 1000, max(seconds) * 1000
    print(f"| {label} | {median:.0f} ms | {p90:.0f} ms | {low:.0f}–{high:.0f} ms |")
    return median, p90


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=30, help="sign-ups of each kind (default 30)")
    parser.add_argument("--warm-up", type=int, default=3, help="uncounted sign-ups of each kind")
    args = parser.parse_args()

    rounds = args.warm_up + args.n
    registered = [f"registered{i}@example.org" for i in range(rounds)]
    with tempfile.TemporaryDirectory(prefix="cylch-signup-bench-") as folder:
        database_url = f"sqlite:///{folder}/bench.sqlite3"
        print("Migrating a throwaway database…", file=sys.stderr)
        prepare_database(database_url, registered)
        mail_path = Path(folder) / "mail.log"
        with mail_path.open("wb") as mail_log:
            server = start_gunicorn(database_url, mail_log)
            times = {"new": [], "registered": []}
            answers = set()
            try:
                for i in range(rounds):
                    # Alternate which goes first, so that drift in the machine's load
                    # falls on both alike.
                    pair = [("new", f"new{i}@example.org"), ("registered", registered[i])]
                    for kind, email in pair if i % 2 else reversed(pair):
                        source = SOURCE_ADDRESSES[(2 * i + (kind == "new")) % len(SOURCE_ADDRESSES)]
                        seconds, status, location = sign_up(email, source)
                        answers.add((kind, status, location))
                        if i >= args.warm_up:
                            times[kind].append(seconds)
            finally:
                server.terminate()
                server.wait()
        subjects = re.findall(r"^Subject: (.*)$", mail_path.read_text(), flags=re.MULTILINE)

    print(f"| {args.n} sign-ups each | median | p90 | range |")
    print("| --- | --- | --- | --- |")
    new_median, new_p90 = summary("new address", times["new"])
    old_median, old_p90 = summary("registered address", times["registered"])
    print(
        f"\nregistered − new: median {old_median - new_median:+.0f} ms, "
        f"p90 {old_p90 - new_p90:+.0f} ms"
    )
    print("answers (path, status, redirect):", *sorted(answers), sep="\n  ")
    print("emails sent:", *sorted({s: subjects.count(s) for s in subjects}.items()), sep="\n  ")


if __name__ == "__main__":
    main()
