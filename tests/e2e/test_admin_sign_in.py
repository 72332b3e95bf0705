import re

from playwright.sync_api import expect

from tests.factories import PASSWORD, StaffFactory


def test_staff_reach_the_wagtail_admin_through_the_site_login(site):
    staff = StaffFactory(display_name="Sam Staff")
    page = site.page

    page.goto(site.base_url + "/admin/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/admin/$"))
    site.check()
    page.get_by_label("Email").fill(staff.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()

    expect(page).to_have_url(re.compile(r"/admin/$"))
    expect(page.get_by_text("Sam Staff").first).to_be_visible()
    # The home page from the data migration is still there for this second browser test.
    site.visit("/")
    expect(page.get_by_role("heading", name="Cylch", level=1)).to_be_visible()
