"""A form that fails says so where people are looking: the error summary, in Chromium.

After a failed "I'm interested" form (at the foot of a long issue page) and a
failed sign-up, the page opens on "There is a problem" with the focus on it
and "Error: " before the title; each error is a link that takes the focus to
its field, with the field's label in view. At a desktop and a phone width.
"""

import pytest
from playwright.sync_api import expect

from tests.factories import IssueFactory, UserFactory

WIDTHS = {"desktop": 1280, "phone": 375}


@pytest.fixture(params=WIDTHS.values(), ids=WIDTHS.keys())
def width(request, site):
    site.page.set_viewport_size({"width": request.param, "height": 800})
    return request.param


def focused_id(page):
    return page.evaluate("document.activeElement.id")


def in_view(page, selector):
    """Whether the element is wholly inside the window as it is scrolled now."""
    return page.evaluate(
        """(selector) => {
            const box = document.querySelector(selector).getBoundingClientRect();
            return box.top >= 0 && box.bottom <= window.innerHeight;
        }""",
        selector,
    )


def assert_the_page_opens_on_the_summary(site):
    page = site.page
    summary = page.locator("#error-summary")
    expect(summary.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert page.title().startswith("Error: ")
    expect(summary).to_be_focused()  # autofocus acts as the page is first drawn: wait for it
    assert focused_id(page) == "error-summary"
    assert in_view(page, "#error-summary")
    site.check()


def follow_error_link(site, name):
    """Click the summary's link for one field: the focus and the label go with it."""
    page = site.page
    link = page.locator("#error-summary").get_by_role("link", name=name)
    field_id = link.get_attribute("href").removeprefix("#")
    link.click()
    expect(page.locator(f"#{field_id}")).to_be_focused()
    assert in_view(page, f"label[for='{field_id}']")
    return field_id


def test_a_failed_interest_form_opens_on_the_summary(site, width):
    issue = IssueFactory(
        title="Drugs in Wrexham",
        slug="drugs-in-wrexham",
        summary="\n\n".join(["What drugs do to a town, and what services do about it."] * 12),
    )
    site.sign_in(UserFactory().email)
    site.visit(f"/issues/{issue.slug}/")
    page = site.page

    page.get_by_role("button", name="Say I’m interested").click()

    assert_the_page_opens_on_the_summary(site)
    assert follow_error_link(site, "What you want to work on") == "id_wants_to_work_on"
    assert follow_error_link(site, "Your organisation") == "id_organisation"
    site.check()


def test_a_failed_sign_up_opens_on_the_summary(site, width):
    site.visit("/accounts/signup/")
    page = site.page
    page.get_by_label("Email address").fill("nia.example.org")
    page.get_by_label("Display name").fill("Nia Evans")

    page.get_by_role("button", name="Create an account").click()

    assert_the_page_opens_on_the_summary(site)
    summary = page.locator("#error-summary")
    expect(summary.get_by_role("link", name="Enter a valid email address")).to_be_visible()
    assert follow_error_link(site, "Create a password") == "id_password1"
    assert follow_error_link(site, "Email address") == "id_email"
    expect(page.get_by_label("Email address")).to_have_value("nia.example.org")
    site.check()


def test_the_last_button_keeps_its_distance_from_the_footer(site, width):
    site.visit("/accounts/login/")

    gap = site.page.evaluate(
        """() => {
            const button = document.querySelector("main button[type=submit]");
            const footer = document.querySelector("footer");
            return footer.getBoundingClientRect().top - button.getBoundingClientRect().bottom;
        }"""
    )

    assert gap >= 32
