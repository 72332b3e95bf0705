"""Every form that fails says so at the top of the page: the error summary.

"There is a problem", each error a link to its field, the focus on the summary
as the page loads (autofocus: the site runs no script) and "Error: " before the
page's title, on every form of the site, allauth's included.
"""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts.groups import FACILITATORS
from cohorts.models import Role
from cohorts.services import invitation_create
from tests.factories import (
    CohortFactory,
    CycleFactory,
    InquiryFactory,
    IssueFactory,
    MembershipFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

# A browser sends every field of a form, empty or not: so do these posts.
# The summary adds no query of its own.
QUERY_BUDGET = 40


def summary_of(response):
    """The page's title, and its error summary: (title, summary element or None)."""
    soup = BeautifulSoup(response.content, "html.parser")
    return soup, soup.title.string, soup.find(id="error-summary")


def assert_summary_links_to(response, field_ids):
    soup, title, summary = summary_of(response)
    assert title.startswith("Error: ")
    assert summary is not None, "no error summary"
    assert summary.has_attr("autofocus") and summary["tabindex"] == "-1"
    assert summary.find("h2").get_text(strip=True) == "There is a problem"
    # At the top of the main content, before the page's own heading.
    main = soup.find("main")
    assert summary in main.find_all(True) and main.find("h1").find_previous(id="error-summary")
    targets = [a["href"] for a in summary.find_all("a")]
    for field_id in field_ids:
        assert f"#{field_id}" in targets
        assert soup.find(id=field_id) is not None, f"the link to #{field_id} leads nowhere"


def facilitator_of(cohort):
    user = MembershipFactory(cohort=cohort, role=Role.FACILITATOR).user
    user.groups.add(Group.objects.get(name=FACILITATORS))
    return user


def owner_with_open_cycle():
    membership = MembershipFactory(role=Role.PARTICIPANT)
    inquiry = InquiryFactory(owner=membership.user, cohort=membership.cohort)
    CycleFactory(inquiry=inquiry, number=1)
    return membership.user, inquiry


def case_interest():
    issue = IssueFactory()
    url = reverse("cohorts:interest_save", args=[issue.slug])
    return UserFactory(), url, {"role_in_organisation": "", "wants_to_work_on": ""}


def case_cohort_create():
    cohort = CohortFactory()
    url = reverse("cohorts:cohort_create", args=[cohort.issue.slug])
    return facilitator_of(cohort), url, {"name": "", "place": ""}


def case_invite_by_email():
    cohort = CohortFactory()
    url = reverse("cohorts:invitations", args=[cohort.slug])
    return facilitator_of(cohort), url, {"email": "not an address", "role": Role.PARTICIPANT}


def case_invitation_accept():
    cohort = CohortFactory()
    _invitation, token = invitation_create(
        cohort=cohort,
        email="invited@example.org",
        role=Role.PARTICIPANT,
        invited_by=facilitator_of(cohort),
    )
    url = f"/invitations/{token}/"
    return UserFactory(email="someone-else@example.org"), url, {"role_in_organisation": ""}


def case_profile():
    return UserFactory(), reverse("accounts:me"), {"display_name": ""}


def case_inquiry_new():
    user = MembershipFactory(role=Role.PARTICIPANT).user
    return user, reverse("inquiries:create"), {"title": "", "question": ""}


def case_inquiry_edit():
    user, inquiry = owner_with_open_cycle()
    return user, reverse("inquiries:edit", args=[inquiry.pk]), {"title": ""}


def case_cycle_start():
    membership = MembershipFactory(role=Role.PARTICIPANT)
    inquiry = InquiryFactory(owner=membership.user, cohort=membership.cohort)
    return membership.user, reverse("inquiries:cycle_start", args=[inquiry.pk]), {"intention": ""}


def case_cycle_close():
    user, inquiry = owner_with_open_cycle()
    return user, reverse("inquiries:cycle_close", args=[inquiry.pk, 1]), {"learned": ""}


def case_entry():
    user, inquiry = owner_with_open_cycle()
    return user, reverse("inquiries:entry_create", args=[inquiry.pk, 1, "action"]), {"body": ""}


def case_comment():
    user, inquiry = owner_with_open_cycle()
    return user, reverse("inquiries:comment_create", args=[inquiry.pk]), {"body": ""}


def case_signup():
    return None, reverse("account_signup"), {"email": "nope"}


def case_password_reset():
    return None, reverse("account_reset_password"), {"email": ""}


def case_password_change():
    return UserFactory(), reverse("account_change_password"), {"oldpassword": "", "password1": ""}


def case_email_change():
    return UserFactory(), reverse("account_email"), {"action_add": "", "email": "nope"}


FORMS = {
    case_interest: ["id_organisation", "id_role_in_organisation", "id_wants_to_work_on"],
    case_cohort_create: ["id_name", "id_place"],
    case_invite_by_email: ["id_email"],
    case_invitation_accept: ["id_confirm_other_email"],
    case_profile: ["id_display_name"],
    case_inquiry_new: ["id_title", "id_question"],
    case_inquiry_edit: ["id_title"],
    case_cycle_start: ["id_intention"],
    case_cycle_close: ["id_learned"],
    case_entry: ["id_body"],
    case_comment: ["id_body"],
    case_signup: ["id_email", "id_display_name", "id_password1", "id_password2"],
    case_password_reset: ["id_email"],
    case_password_change: ["id_oldpassword", "id_password1"],
    case_email_change: ["id_email"],
}


@pytest.mark.parametrize(
    ("case", "field_ids"),
    [pytest.param(case, field_ids, id=case.__name__) for case, field_ids in FORMS.items()],
)
def test_a_failed_form_shows_the_summary_with_a_link_to_each_field(
    client, django_assert_max_num_queries, case, field_ids
):
    user, url, data = case()
    if user:
        client.force_login(user)

    with django_assert_max_num_queries(QUERY_BUDGET):
        response = client.post(url, data)

    assert response.status_code == 200
    assert_summary_links_to(response, field_ids)


def test_an_error_of_the_form_as_a_whole_is_text_in_the_summary(client, user):
    response = client.post(reverse("account_login"), {"login": user.email, "password": "wrong"})

    _soup, title, summary = summary_of(response)
    assert title == "Error: Sign in · Cylch"
    assert "not correct" in summary.get_text()
    assert summary.find("a") is None


def test_an_error_on_a_field_people_cannot_see_is_text_in_the_summary(client):
    user, inquiry = owner_with_open_cycle()
    client.force_login(user)

    response = client.post(
        reverse("inquiries:comment_create", args=[inquiry.pk]), {"body": "Hi", "entry": "x"}
    )

    _soup, _title, summary = summary_of(response)
    assert "Enter a whole number." in summary.get_text()
    assert summary.find("a") is None


@pytest.mark.parametrize("case", [case_interest, case_signup, case_profile, case_cycle_start])
def test_the_same_page_before_it_fails_has_no_summary_and_a_plain_title(client, case):
    user, url, _data = case()
    if user:
        client.force_login(user)
    page = url.removesuffix("interest/")  # the issue's page holds the interest form

    _soup, title, summary = summary_of(client.get(page))

    assert summary is None
    assert not title.startswith("Error")


def test_the_summary_sets_no_cookie_on_a_page_without_a_form(client):
    # Looking for forms must not evaluate the lazy CSRF token, which sets a cookie.
    response = client.get("/issues/")

    assert "csrftoken" not in response.cookies
