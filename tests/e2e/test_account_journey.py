import re

import pytest
from playwright.sync_api import expect

PASSWORD = "a-calm-and-long-password-77"

pytestmark = pytest.mark.parametrize("screen", ["desktop", "phone"], indirect=True)


def test_sign_up_verify_see_start_page_sign_out_and_back_in(site, mailoutbox):
    page = site.page
    site.visit("/")
    site.follow("Create an account")
    site.check()

    page.get_by_label("Email address").fill("nia@example.org")
    page.get_by_label("Display name").fill("Nia Evans")
    page.get_by_label("Create a password").fill(PASSWORD)
    page.get_by_label("Type the password again").fill(PASSWORD)
    page.get_by_role("button", name="Create an account").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    site.check()

    link = re.search(r"http://\S+/accounts/confirm-email/\S+/", mailoutbox[0].body).group(0)
    page.goto(link)
    site.check()
    page.get_by_role("button", name="Yes, confirm it").click()
    # Confirmed in the browser that signed up: signed in, on the start page.
    expect(page).to_have_url(re.compile(r"/me/$"))
    expect(page.get_by_role("heading", name="Hello, Nia Evans")).to_be_visible()
    expect(page.get_by_role("link", name="Start an inquiry")).to_be_visible()
    site.check()
    expect(page.locator(".account-nav__who")).to_have_text("Signed in as Nia Evans")
    page.get_by_role("link", name="Your profile and emails").click()
    expect(page.get_by_text("nia@example.org")).to_be_visible()
    site.check()

    site.open_menu()
    page.get_by_role("button", name="Sign out").click()
    site.open_menu()
    expect(page.get_by_role("link", name="Sign in", exact=True)).to_be_visible()
    site.check()
    page.goto(site.base_url + "/me/profile/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/me/profile/$"))
    page.get_by_label("Email").fill("nia@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/me/profile/$"))
    expect(page.get_by_text("nia@example.org")).to_be_visible()
