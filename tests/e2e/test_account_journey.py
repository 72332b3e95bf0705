import re

import pytest
from playwright.sync_api import expect

PASSWORD = "a-calm-and-long-password-77"

pytestmark = pytest.mark.parametrize("screen", ["desktop", "phone"], indirect=True)


def test_sign_up_verify_sign_in_see_profile_sign_out(site, mailoutbox):
    page = site.page
    site.visit("/")
    site.follow("Create an account")
    site.check()

    page.get_by_label("Email").fill("nia@example.org")
    page.get_by_label("Display name").fill("Nia Evans")
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_role("button", name="Sign Up").click()
    expect(page.get_by_role("heading", name="Verify Your Email Address")).to_be_visible()
    site.check()

    link = re.search(r"http://\S+/accounts/confirm-email/\S+/", mailoutbox[0].body).group(0)
    page.goto(link)
    site.check()
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", name="Sign In")).to_be_visible()
    site.check()

    page.get_by_label("Email").fill("nia@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page).to_have_url(re.compile(r"/me/$"))
    site.open_menu()
    expect(page.get_by_text("Signed in as Nia Evans", exact=True)).to_be_visible()
    expect(page.get_by_text("nia@example.org")).to_be_visible()
    site.check()

    site.open_menu()
    page.get_by_role("button", name="Sign out").click()
    site.open_menu()
    expect(page.get_by_role("link", name="Sign in", exact=True)).to_be_visible()
    site.check()
    page.goto(site.base_url + "/me/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/me/$"))
