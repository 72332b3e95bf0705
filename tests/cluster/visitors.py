"""People using the cluster over HTTP, each with their own cookies, through either server.

Production sits behind a TLS proxy, which tells Django ``X-Forwarded-Proto: https``;
every request here says the same, so Django treats it as secure and its cookies are
marked Secure as in production. A browser sends those to the proxy over TLS; this client
talks plain HTTP on loopback, so it keeps them as cookies it may send over it. Cookies are kept per
host, not per port: like one browser in front of one load balancer, a visitor's session
goes with them to whichever server answers.
"""

import datetime
import time
import uuid

import requests

from .harness import AppServer

# A write that meets a server going away (a killed worker, a database that stopped) is
# sent again, with the same form and key, for up to this long.
RETRY_SECONDS = 90


class Visitor:
    def __init__(self, world: dict, session: str | None = None):
        self.world = world
        self.http = requests.Session()
        self.http.headers["X-Forwarded-Proto"] = "https"
        if session:
            self.http.cookies.set(world["session_cookie"], session, domain="127.0.0.1", path="/")
        self.requests = 0
        self.failed_answers = 0  # connection errors and 5xx answers, each then sent again

    def get(self, server: AppServer, path: str) -> requests.Response:
        self.requests += 1
        return self._kept(self.http.get(server.url + path, allow_redirects=False, timeout=60))

    def post(self, server: AppServer, path: str, data: dict) -> requests.Response:
        """A form sent as a browser sends it: with its CSRF token, from the site's origin."""
        token = self.http.cookies.get(self.world["csrf_cookie"], domain="127.0.0.1")
        self.requests += 1
        return self._kept(
            self.http.post(
                server.url + path,
                data={**data, "csrfmiddlewaretoken": token},
                headers={"Origin": server.url.replace("http://", "https://")},
                allow_redirects=False,
                timeout=60,
            )
        )

    def _kept(self, answer: requests.Response) -> requests.Response:
        """Keep the answer's cookies to send over plain HTTP, as the proxy would over TLS."""
        for cookie in self.http.cookies:
            cookie.secure = False
        return answer

    def sign_in(self, server: AppServer, email: str, password: str) -> requests.Response:
        self.get(server, "/accounts/login/")
        return self.post(server, "/accounts/login/", {"login": email, "password": password})

    def send_until_answered(self, servers: list[AppServer], path: str, data: dict):
        """Send a form until a server answers it (not with a 5xx), trying each server in
        turn, as a person presses the button again on a page that did not come back.

        The form's data (its submission key with it) stays the same each time.
        """
        deadline = time.monotonic() + RETRY_SECONDS
        attempt = 0
        while True:
            server = servers[attempt % len(servers)]
            attempt += 1
            try:
                answer = self.post(server, path, data)
            except requests.ConnectionError:
                answer = None
            if answer is not None and answer.status_code < 500:
                return answer
            self.failed_answers += 1
            if time.monotonic() > deadline:
                raise RuntimeError(f"no server answered {path} for {RETRY_SECONDS} s")
            time.sleep(min(0.1 * attempt, 1))


def entry_form(body: str) -> dict:
    return {
        "occurred_on": datetime.date.today().isoformat(),
        "with_whom": "",
        "body": body,
        "submission_key": str(uuid.uuid4()),
    }


def comment_form(body: str) -> dict:
    return {"body": body, "entry": "", "parent": "", "submission_key": str(uuid.uuid4())}


def entry_path(person: dict, kind: str = "action") -> str:
    return f"/inquiries/{person['inquiry']}/cycles/{person['cycle']}/{kind}/new/"


def comment_path(inquiry: int) -> str:
    return f"/inquiries/{inquiry}/comments/"
