"""Security headers on every kind of response, and pages that need nothing their policy refuses.

Cylch's own pages are served under the site's Content-Security-Policy (no
script, no inline style, nothing from elsewhere, never framed); the two admins
under the admin's, which lets Wagtail's inline script and style run and nothing
more. The browser tests (tests/e2e/conftest.py) fail on any violation of either.
"""

import io
from collections import Counter, deque
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import transaction
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from accounts.demo import demo_person
from accounts.groups import EDITORS
from tests.cms.builders import make_weeknote
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TEMPLATES = Path(settings.BASE_DIR) / "templates"
SITE_POLICY = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
ADMIN_POLICY = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
UNSAFE_SOURCES = {"'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "*", "data:", "http:"}


def policy(response):
    """The Content-Security-Policy header as {directive: [sources]}."""
    header = response.get("Content-Security-Policy")
    assert header, f"no Content-Security-Policy on {response.request['PATH_INFO']}"
    directives = (part.split() for part in header.split(";") if part.strip())
    return {name: sources for name, *sources in directives}


class InlineFinder(HTMLParser):
    """What a policy without 'unsafe-inline' refuses: inline script, style and handlers."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        where = self.get_starttag_text()
        if tag == "script" and not attributes.get("src"):
            self.found.append(f"inline script: {where}")
        if tag == "style":
            self.found.append(f"style element: {where}")
        for name, value in attrs:
            if name == "style":
                self.found.append(f"style attribute: {where}")
            if name.startswith("on"):
                self.found.append(f"event handler: {where}")
            if (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"javascript: address: {where}")


def inline_content(html):
    finder = InlineFinder()
    finder.feed(html)
    return finder.found


@pytest.fixture
def editor(db):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


@pytest.fixture
def participant(db):
    return UserFactory()


@pytest.fixture
def superuser(db):
    return UserFactory(is_staff=True, is_superuser=True)


@pytest.mark.parametrize(
    ("path", "who"),
    [
        ("/", None),
        ("/accounts/login/", None),
        ("/accounts/email/", "participant"),
        ("/no-such-page/", None),
        ("/weeknotes/feed/atom/", None),
        ("/weeknotes/feed/rss/", None),
        ("/open-data/weeknotes.json", None),
        ("/api/v2/pages/", None),
        ("/admin/", "editor"),
        ("/django-admin/", "superuser"),
    ],
)
def test_every_kind_of_response_carries_the_security_headers(client, request, path, who):
    if who:
        client.force_login(request.getfixturevalue(who))

    response = client.get(path)

    assert response.status_code in (200, 404)
    assert policy(response)["frame-ancestors"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert {"camera=()", "microphone=()", "geolocation=()", "payment=()"} <= set(
        response["Permissions-Policy"].split(", ")
    )


@pytest.mark.parametrize("path", ["/", "/accounts/login/"])
def test_cylch_pages_run_no_script_and_allow_nothing_inline(client, path):
    served = policy(client.get(path))

    assert served == SITE_POLICY
    assert served["default-src"] == ["'none'"]
    assert "script-src" not in served
    assert not {source for sources in served.values() for source in sources} & UNSAFE_SOURCES


@pytest.mark.parametrize(("path", "who"), [("/admin/", "editor"), ("/django-admin/", "superuser")])
def test_the_admins_are_served_under_the_admin_policy(client, request, path, who):
    client.force_login(request.getfixturevalue(who))

    served = policy(client.get(path))

    assert served == ADMIN_POLICY
    assert served["frame-ancestors"] == ["'none'"]
    assert served["object-src"] == ["'none'"]
    assert served["base-uri"] == ["'none'"]
    assert "'unsafe-eval'" not in served["script-src"]


def test_the_preview_panel_may_frame_a_preview_and_nothing_else_may(client, editor):
    """Wagtail renders a preview through the middleware with a stand-in request
    for the page's public address: the preview still gets the admin's policy,
    and may be framed by the editor beside it."""
    author = UserFactory(display_name="Nia Evans")
    page = make_weeknote(title="Before", authors=[author])
    client.force_login(editor)
    url = f"/admin/pages/{page.pk}/edit/preview/"
    form = nested_form_data(
        {
            "title": "Previewed in the panel",
            "slug": page.slug,
            "week_of": "2026-10-05",
            "summary": "What we learned this week.",
            "body": streamfield([("paragraph", rich_text("<p>A paragraph.</p>"))]),
            "authors": inline_formset([{"user": author.pk, "name": ""}], min=1),
            "tags": "",
            "issue": "",
            "cohort": "",
        }
    )
    assert client.post(url, form).json()["is_valid"]

    response = client.get(url, {"in_preview_panel": "true"})

    assert response.status_code == 200
    assert "Previewed in the panel" in response.content.decode()
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert policy(response) == {**ADMIN_POLICY, "frame-ancestors": ["'self'"]}


def test_no_template_of_ours_has_inline_script_style_or_handlers():
    """Mail is read in mail programs, not under the site's policy: it may keep its inline style."""
    found = [
        f"{template.relative_to(TEMPLATES)}: {what}"
        for template in TEMPLATES.rglob("*.html")
        if "email" not in template.parts
        for what in inline_content(template.read_text())
    ]

    assert not found, "\n".join(found)


# Every page a reader or a demo person reaches by following links, with the demo's data.

NOT_CYLCH_PAGES = ("/admin/", "/django-admin/", "/api/", "/static/", "/media/", "/documents/")
MOST_PAGES = 250
# Filters and page numbers give endless addresses for one template: two will do.
QUERIES_PER_PAGE = 2


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(urldefrag(href).url)


def site_links(html):
    parser = Links()
    parser.feed(html)
    return [
        href
        for href in parser.hrefs
        if href.startswith("/") and not href.startswith(("//", *NOT_CYLCH_PAGES))
    ]


def crawl(client):
    """Each HTML page reached from the home page by links, breadth first."""
    seen, queue, queries = set(), deque(["/"]), Counter()
    while queue and len(seen) < MOST_PAGES:
        path = queue.popleft()
        page = path.partition("?")[0]
        if path in seen or queries[page] >= QUERIES_PER_PAGE:
            continue
        seen.add(path)
        queries[page] += 1
        response = client.get(path)
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            html = response.content.decode()
            yield path, response, html
            queue.extend(site_links(html))


@pytest.fixture(scope="module")
def seeded_demo(django_db_setup, django_db_blocker):
    # As in test_seed_demo.py: seeded once, rolled back when the module is done.
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.mark.parametrize(
    "email",
    [
        None,
        "participant@example.com",
        "coach@example.com",
        "facilitator@example.com",
    ],
)
def test_every_page_a_person_reaches_is_under_the_site_policy_with_nothing_inline(
    client, seeded_demo, email
):
    if email:
        client.force_login(demo_person(email))
    problems, pages = [], 0

    for path, response, html in crawl(client):
        pages += 1
        if policy(response) != SITE_POLICY:
            problems.append(f"{path}: not the site's policy: {response['Content-Security-Policy']}")
        problems.extend(f"{path}: {what}" for what in inline_content(html))

    assert pages >= 20
    assert not problems, "\n".join(problems)
