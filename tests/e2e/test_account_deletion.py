from playwright.sync_api import expect

from tests.cms.builders import make_weeknote
from tests.factories import PASSWORD, CycleFactory, EntryFactory, InquiryFactory, MembershipFactory


def test_a_participant_deletes_their_account_and_their_weeknote_reads_anonymously(site):
    me = MembershipFactory(user__display_name="Nia").user
    cohort = me.memberships.get().cohort
    inquiry = InquiryFactory(owner=me, cohort=cohort, title="Bus station")
    EntryFactory(cycle=CycleFactory(inquiry=inquiry), body="Met the outreach team.")
    weeknote = make_weeknote(title="What the bus station taught us", authors=[me])
    page = site.page
    site.sign_in(me.email)

    site.visit("/me/profile/")
    page.get_by_role("link", name="Delete my account").click()
    expect(page.get_by_text("1 inquiry", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Download everything you wrote")).to_be_visible()
    site.check()
    page.get_by_label("Show “A former participant” instead").check()
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_role("button", name="Delete my account").click()

    expect(page.get_by_role("heading", name="Your account has been deleted")).to_be_visible()
    site.check()
    site.visit(weeknote.url)
    expect(page.get_by_text("A former participant").first).to_be_visible()
    expect(page.get_by_text("Nia")).to_have_count(0)

    site.visit("/accounts/login/")
    page.get_by_label("Email").fill(me.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_text("not correct").first).to_be_visible()
    expect(page.locator(".account-nav")).not_to_contain_text("Signed in as")
