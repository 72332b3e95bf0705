"""The header: one row on a desktop, a menu on a phone that opens without JavaScript, and
the current page marked for screen readers as well as by eye."""

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from accounts.groups import EDITORS
from tests.factories import CohortFactory, IssueFactory, MembershipFactory, StaffFactory


@pytest.fixture
def busy_reader():
    """Someone with all the header can hold: a long name, their cohorts, the admin."""
    reader = StaffFactory(display_name="Fiona Featherstonehaugh-Llewellyn")
    reader.groups.add(Group.objects.get(name=EDITORS))
    MembershipFactory(user=reader, cohort=CohortFactory(issue=IssueFactory(slug="falls")))
    return reader


@pytest.mark.browser_context_args(viewport={"width": 1440, "height": 900})
def test_on_a_desktop_the_signed_in_header_is_one_row(site, busy_reader):
    site.sign_in(busy_reader.email)
    site.visit("/issues/")
    header = site.page.locator(".site-header")
    middles = [box["y"] + box["height"] / 2 for box in _boxes(header.locator("li, a"))]
    assert max(middles) - min(middles) < 8, "The header's items sit on more than one row"
    expect(header.locator(".site-menu__toggle")).to_be_hidden()
    expect(header.get_by_role("link", name="Admin")).to_be_visible()
    expect(header.get_by_role("link", name="Shared issues")).to_have_attribute(
        "aria-current", "page"
    )


@pytest.mark.parametrize("screen", ["phone"], indirect=True)
@pytest.mark.browser_context_args(java_script_enabled=False)
def test_on_a_phone_the_links_fold_into_a_menu_that_needs_no_javascript(site):
    # Without JavaScript axe-core cannot run either, so these pages are not site.visit()ed.
    IssueFactory(slug="falls")
    page = site.page
    page.goto(site.base_url + "/")
    header = page.locator(".site-header")
    assert header.bounding_box()["height"] <= 64
    expect(header.get_by_role("link", name="Shared issues")).to_be_hidden()

    # By keyboard: past the skip link and the brand to the menu, which opens with Enter.
    for _ in range(3):
        page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Menu")
    page.keyboard.press("Enter")
    expect(header.get_by_role("link", name="Home")).to_have_attribute("aria-current", "page")
    expect(header.get_by_role("link", name="Sign in")).to_be_visible()

    header.get_by_role("link", name="Shared issues").click()
    site.open_menu()
    expect(header.get_by_role("link", name="Shared issues")).to_have_attribute(
        "aria-current", "page"
    )
    page.goto(site.base_url + "/issues/falls/")
    site.open_menu()
    # Within the part of the site a link leads to: marked, but not as the page itself.
    expect(header.get_by_role("link", name="Shared issues")).to_have_attribute(
        "aria-current", "true"
    )
    expect(header.locator("[aria-current]")).to_have_count(1)


def _boxes(locator):
    return [item.bounding_box() for item in locator.all()]
