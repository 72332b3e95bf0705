"""Every cohorts view: anonymous → sign in, non-member → 404, member → 200,
and what only facilitators may do refused to participants and coaches."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

MEMBER_PAGES = ["cohorts:cohort_detail"]
FACILITATOR_PAGES = ["cohorts:cohort_history", "cohorts:invitations"]


def status_of(client, user, url, method="get"):
    client.logout()
    if user:
        client.force_login(user)
    return getattr(client, method)(url).status_code


@pytest.mark.parametrize("name", MEMBER_PAGES + FACILITATOR_PAGES)
def test_anonymous_visitors_are_sent_to_sign_in(client, people, name):
    url = reverse(name, args=[people.cohort.slug])

    response = client.get(url)

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize("name", MEMBER_PAGES + FACILITATOR_PAGES)
def test_non_members_get_404_as_if_the_cohort_did_not_exist(client, people, name):
    assert status_of(client, people.outsider, reverse(name, args=[people.cohort.slug])) == 404
    assert status_of(client, people.outsider, reverse(name, args=["no-such-cohort"])) == 404


@pytest.mark.parametrize("role", ["participant", "coach", "facilitator", "staff"])
def test_members_and_staff_see_the_cohort_page(client, people, role):
    url = reverse("cohorts:cohort_detail", args=[people.cohort.slug])
    assert status_of(client, getattr(people, role), url) == 200


@pytest.mark.parametrize("name", FACILITATOR_PAGES)
@pytest.mark.parametrize("role", ["participant", "coach"])
def test_facilitator_pages_are_refused_to_participants_and_coaches(client, people, name, role):
    url = reverse(name, args=[people.cohort.slug])
    assert status_of(client, getattr(people, role), url) == 403


@pytest.mark.parametrize("name", FACILITATOR_PAGES)
@pytest.mark.parametrize("role", ["facilitator", "staff"])
def test_facilitator_pages_open_to_the_cohorts_facilitators_and_staff(client, people, name, role):
    assert status_of(client, getattr(people, role), reverse(name, args=[people.cohort.slug])) == 200


def facilitator_actions(people):
    slug = people.cohort.slug
    membership = people.cohort.memberships.get(user=people.participant)
    return [
        ("post", reverse("cohorts:invitations", args=[slug])),
        ("post", reverse("cohorts:member_role", args=[slug, membership.pk])),
        ("post", reverse("cohorts:member_remove", args=[slug, membership.pk])),
        ("get", reverse("cohorts:member_remove", args=[slug, membership.pk])),
        ("post", reverse("cohorts:cohort_status", args=[slug, "closed"])),
        ("get", reverse("cohorts:cohort_status", args=[slug, "closed"])),
    ]


@pytest.mark.parametrize("role", ["participant", "coach"])
def test_facilitator_actions_are_refused_to_participants_and_coaches(client, people, role):
    for method, url in facilitator_actions(people):
        assert status_of(client, getattr(people, role), url, method) == 403, url
    assert people.cohort.memberships.count() == 3
    people.cohort.refresh_from_db()
    assert people.cohort.status == "active"


def test_facilitator_actions_are_404_to_non_members(client, people):
    for method, url in facilitator_actions(people):
        assert status_of(client, people.outsider, url, method) == 404, url


def test_my_cohorts_needs_sign_in_and_lists_only_mine(client, people):
    url = reverse("cohorts:cohort_list")
    assert client.get(url).status_code == 302

    client.force_login(people.coach)
    page = client.get(url).content.decode()

    assert people.cohort.name in page
    assert "You are a Coach here." in page
    other_cohort = people.outsider.memberships.get().cohort
    assert other_cohort.name not in page


def test_my_cohorts_has_a_helpful_empty_state(client, user):
    client.force_login(user)

    page = client.get(reverse("cohorts:cohort_list")).content.decode()

    assert "You are not in a cohort yet" in page


@pytest.mark.parametrize("name", ["cohorts:issue_forming", "cohorts:cohort_create"])
def test_only_the_facilitators_group_and_staff_form_cohorts(client, people, name):
    url = reverse(name, args=[people.issue.slug])

    assert client.get(url).status_code == 302  # anonymous: sign in first
    for user in (people.participant, people.coach, people.outsider):
        assert status_of(client, user, url) == 403
    assert status_of(client, people.facilitator, url) == 200
    assert status_of(client, people.staff, url) == 200


def test_a_refusal_says_why(client, people):
    client.force_login(people.coach)

    response = client.get(reverse("cohorts:invitations", args=[people.cohort.slug]))

    assert response.status_code == 403
    assert "facilitators can do that." in response.content.decode()
