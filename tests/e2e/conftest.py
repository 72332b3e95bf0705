"""Browser tests: pytest-django's live_server, driven by Playwright in Debian's Chromium.

Locally they skip, saying why, when Chromium is absent; in CI (CI=true) a
missing browser fails the run instead.
"""

import os
import re
import shutil
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.factories import PASSWORD

# Playwright's sync API runs an event loop in the test thread; Django refuses
# ORM calls there unless told this is safe, which it is in tests.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
BLOCKING_IMPACTS = {"serious", "critical"}
_axe = Axe()


def pytest_collection_modifyitems(items):
    # Transactional (the live server is another thread) and restoring the rows
    # that migrations create, such as Wagtail's page tree, after each test.
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        message = (
            f"Chromium not found at {CHROMIUM}: browser tests need Debian's chromium "
            "package (apt-get install -y chromium)."
        )
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


# Chromium reports on the console each thing a Content-Security-Policy refused
# ("Refused to apply inline style ...") and each feature a Permissions-Policy
# header names wrongly; either fails the test, on the site and in the admin.
POLICY_MESSAGES = ("Content Security Policy", "Permissions-Policy")


class Site:
    """A reader at the browser: visits pages and checks each one it lands on."""

    def __init__(self, page, base_url, test_name):
        self.page = page
        self.base_url = base_url
        self.test_name = re.sub(r"[^a-z0-9_]+", "-", test_name.lower())
        self.visited = 0
        self.policy_violations = []
        page.on("console", self._record_policy_violation)

    def _record_policy_violation(self, message):
        if any(words in message.text for words in POLICY_MESSAGES):
            self.policy_violations.append(f"{self.page.url}: {message.text}")

    def assert_no_policy_violations(self):
        found, self.policy_violations = self.policy_violations, []
        assert not found, "Policy violations:\n" + "\n".join(found)

    def sign_in(self, email):
        """Through the site's own sign-in page, checked like any other page."""
        self.visit("/accounts/login/")
        self.page.get_by_label("Email").fill(email)
        self.page.get_by_label("Password").fill(PASSWORD)
        self.page.get_by_role("button", name="Sign In").click()
        expect(self.page.get_by_role("button", name="Sign out")).to_be_visible()

    def visit(self, path):
        self.page.goto(self.base_url + path)
        self.check()

    def check(self):
        """No policy violation so far; axe-core on the page as it is now (nothing
        serious or critical), then a screenshot."""
        self.page.wait_for_load_state()
        self.assert_no_policy_violations()
        self.visited += 1
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = self.page.url.split("//", 1)[-1].split("/", 1)[-1]
        # Long segments are one-time keys and tokens: no need to keep them in file names.
        readable = "/".join(part for part in path.split("/") if len(part) <= 24)
        slug = re.sub(r"[^a-z0-9]+", "-", readable.lower())
        name = f"{self.test_name}-{self.visited:02d}-{slug.strip('-') or 'home'}.png"
        self.page.screenshot(path=SCREENSHOTS / name, full_page=True)
        results = _axe.run(self.page)
        blocking = [
            f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}"
            for v in results.response["violations"]
            if v["impact"] in BLOCKING_IMPACTS
        ]
        assert not blocking, f"Accessibility violations on {self.page.url}:\n" + "\n".join(blocking)


@pytest.fixture
def site(page, live_server, request):
    page.set_default_timeout(10_000)
    site = Site(page, live_server.url, request.node.name)
    yield site
    # Pages a test reached without site.check(), such as the admin's, count too.
    site.assert_no_policy_violations()
