"""Browser tests: pytest-django's live_server, driven by Playwright in Debian's Chromium.

Locally they skip, saying why, when Chromium is absent; in CI (CI=true) a
missing browser fails the run instead.
"""

import os
import re
import shutil
from collections import Counter
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
_axe = Axe()

# The screens journeys run on: a desktop, a common phone, and the narrowest phone in use.
SCREENS = {
    "desktop": {"width": 1280, "height": 800},
    "phone": {"width": 375, "height": 812},
    "narrowest": {"width": 320, "height": 640},
}
# What every checked page added up to, for the run's closing summary.
TALLY = {"pages": 0, "impacts": Counter(), "widest": {}}


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


@pytest.fixture
def screen(request):
    """The screen a test runs on: desktop unless parametrized (indirect=True) with another."""
    return getattr(request, "param", "desktop")


@pytest.fixture
def browser_context_args(browser_context_args, screen):
    # Every context a test opens (new_context) gets the same screen as its page.
    return {**browser_context_args, "viewport": SCREENS[screen]}


def pytest_terminal_summary(terminalreporter):
    if not TALLY["pages"]:
        return
    impacts = ", ".join(f"{n} {impact}" for impact, n in TALLY["impacts"].items()) or "none"
    widest = ", ".join(
        f"{width} px at {viewport} px ({url})"
        for viewport, (width, url) in sorted(TALLY["widest"].items())
    )
    terminalreporter.write_line(
        f"Browser checks: {TALLY['pages']} pages; axe violations by impact: {impacts}; "
        f"widest page per viewport: {widest}"
    )


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
        expect(self.page.locator(".account-nav")).to_contain_text("Signed in as")

    def visit(self, path):
        response = self.page.goto(self.base_url + path)
        self.check()
        return response

    def open_menu(self):
        """On a phone the header's links fold into a menu: open it (a no-op on a desktop)."""
        self.page.wait_for_load_state()  # with its stylesheet, which hides Menu on a desktop
        menu = self.page.locator(".site-menu")
        toggle = menu.locator("summary")
        if toggle.is_visible() and menu.get_attribute("open") is None:
            toggle.click()

    def follow(self, name):
        """Follow a link in the header, as a reader on this screen would reach it."""
        self.open_menu()
        self.page.locator(".site-header").get_by_role("link", name=name).click()

    def check(self):
        """No policy violation so far; the page no wider than the screen; axe-core on the
        page as it is now finds nothing, whatever its impact; then a screenshot."""
        self.page.wait_for_load_state()
        self.assert_no_policy_violations()
        self.assert_fits_the_screen()
        self.visited += 1
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = self.page.url.split("//", 1)[-1].split("/", 1)[-1]
        # Long segments are one-time keys and tokens: no need to keep them in file names.
        readable = "/".join(part for part in path.split("/") if len(part) <= 24)
        slug = re.sub(r"[^a-z0-9]+", "-", readable.lower())
        name = f"{self.test_name}-{self.visited:02d}-{slug.strip('-') or 'home'}.png"
        self.page.screenshot(path=SCREENSHOTS / name, full_page=True)
        violations = _axe.run(self.page).response["violations"]
        TALLY["pages"] += 1
        TALLY["impacts"].update(v["impact"] for v in violations)
        found = [
            f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}"
            for v in violations
        ]
        assert not found, f"Accessibility violations on {self.page.url}:\n" + "\n".join(found)

    def assert_fits_the_screen(self):
        """Nothing scrolls sideways: the page is no wider than its viewport."""
        width, viewport, overflowing = self.page.evaluate(OVERFLOW_SCRIPT)
        widest = TALLY["widest"].get(viewport)
        if widest is None or width > widest[0]:
            TALLY["widest"][viewport] = (width, self.page.url)
        assert width <= viewport, (
            f"{self.page.url} is {width} px wide on a {viewport} px screen; "
            f"these reach past its edge: {overflowing}"
        )


# The page's width and its viewport's, and the innermost elements that reach past it.
OVERFLOW_SCRIPT = """() => {
    const root = document.documentElement;
    // An element's own box, or the text it lets overflow, such as a long unbroken address.
    const spills = (el) => getComputedStyle(el).overflowX === "visible";
    const reach = (el) =>
        el.getBoundingClientRect().right +
        (spills(el) ? Math.max(0, el.scrollWidth - el.clientWidth) : 0);
    const pastTheEdge = (el) => reach(el) > root.clientWidth + 0.5;
    const innermost = [...document.body.querySelectorAll("*")].filter(
        (el) => pastTheEdge(el) && ![...el.children].some(pastTheEdge)
    );
    const name = (el) => [el.tagName.toLowerCase(), ...el.classList].join(".");
    return [root.scrollWidth, root.clientWidth, innermost.slice(0, 8).map(name)];
}"""


@pytest.fixture
def site(page, live_server, request):
    page.set_default_timeout(10_000)
    site = Site(page, live_server.url, request.node.name)
    yield site
    # Pages a test reached without site.check(), such as the admin's, count too.
    site.assert_no_policy_violations()
