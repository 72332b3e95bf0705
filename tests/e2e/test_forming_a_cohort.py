import re

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from accounts.groups import FACILITATORS
from tests.factories import (
    ExpressionOfInterestFactory,
    IssueFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = pytest.mark.parametrize("screen", ["desktop", "phone"], indirect=True)


def test_a_facilitator_forms_a_cohort_and_an_interested_person_joins_from_the_email(
    site, mailoutbox, new_context
):
    issue = IssueFactory(title="Drugs in Wrexham", slug="drugs-in-wrexham")
    facilitator = UserFactory(display_name="Fiona Facilitator")
    facilitator.groups.add(Group.objects.get(name=FACILITATORS))
    police = OrganisationFactory(name="North Wales Police", sector="police")
    interest = ExpressionOfInterestFactory(
        issue=issue,
        organisation=police,
        user=UserFactory(display_name="Priya Patel"),
        wants_to_work_on="Why people leave treatment early.",
    )
    page = site.page

    site.sign_in(facilitator.email)
    site.visit("/issues/drugs-in-wrexham/")
    page.get_by_role("link", name="Form a cohort for this issue").click()
    expect(page.get_by_text("Why people leave treatment early.")).to_be_visible()
    site.check()
    page.get_by_role("link", name="Create a cohort").click()
    site.check()
    page.get_by_label("Name").fill("Wrexham 2027")
    page.get_by_label("Place").fill("Wrexham")
    page.get_by_label("Starts on").fill("2027-01-10")
    page.get_by_label("Ends on").fill("2027-07-10")
    page.get_by_label("Capacity").fill("12")
    page.get_by_role("button", name="Create the cohort").click()
    expect(page.get_by_role("heading", name="Invitations and agency mix")).to_be_visible()
    site.check()

    page.get_by_label("Invite Priya Patel as").select_option("participant")
    page.get_by_role("button", name="Invite", exact=True).click()
    expect(page.get_by_text(f"Invitation sent to {interest.user.email}")).to_be_visible()
    expect(page.get_by_text("Invited: waiting for an answer")).to_be_visible()
    site.check()

    # The email's link is on SITE_URL; here the site is the test's live server.
    path = re.search(r"https?://[^/\s]+(/invitations/\S+/)", mailoutbox[-1].body).group(1)
    invitee = new_context()
    site.page = invitee.new_page()
    site.sign_in(interest.user.email)
    site.page.goto(site.base_url + path)
    expect(site.page.get_by_role("heading", name="Join Wrexham 2027")).to_be_visible()
    site.check()
    site.page.get_by_role("button", name="Join the cohort").click()

    # A participant's next step is their inquiry: the form opens on this cohort.
    expect(site.page).to_have_url(re.compile(r"/inquiries/new/\?cohort=\d+$"))
    expect(site.page.get_by_text("Welcome to Wrexham 2027. Your next step")).to_be_visible()
    site.check()
    site.page.goto(site.base_url + "/cohorts/wrexham-2027/")
    expect(site.page.get_by_text("North Wales Police")).to_be_visible()
    site.check()
    invitee.close()
