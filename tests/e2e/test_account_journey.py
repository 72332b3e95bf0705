import re

from playwright.sync_api import expect

PASSWORD = "a-calm-and-long-password-77"


def test_sign_up_verify_sign_in_see_profile_sign_out(site, mailoutbox):
    page = site.page
    site.visit("/")
    page.get_by_role("link", name="Create an account").first.click()
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
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    site.check()

    page.get_by_label("Email").fill("nia@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/me/$"))
    expect(page.get_by_text("Signed in as Nia Evans", exact=True)).to_be_visible()
    expect(page.get_by_text("nia@example.org")).to_be_visible()
    site.check()

    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Sign in", exact=True)).to_be_visible()
    site.check()
    page.goto(site.base_url + "/me/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/me/$"))
