"""The visibility rule as a matrix: every role × every visibility × every action.

Who sees an inquiry (DESIGN.md, docs/visibility.md):
- private: its owner only;
- coaches: its owner and the coaches of its cohort (not its facilitator);
- cohort: every member of its cohort, in any role.
Staff and members of other cohorts see nothing; anonymous visitors are sent to sign in.
Only the owner writes. What someone may not see answers 404.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from cohorts.models import CohortStatus, Membership
from inquiries.models import Entry, Inquiry
from inquiries.selectors import inquiries_for_cohort

ROLES = ["owner", "coach", "fellow", "facilitator", "outsider", "staff", "anonymous"]
VISIBILITIES = ["private", "coaches", "cohort"]
SEES = {
    "private": {"owner"},
    "coaches": {"owner", "coach"},
    "cohort": {"owner", "coach", "fellow", "facilitator"},
}
CASES = [(role, visibility) for role in ROLES for visibility in VISIBILITIES]


def sign_in(client, world, role):
    person = world.person(role)
    if person:
        client.force_login(person)
    return person


def assert_sent_to_sign_in(response):
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize(("role", "visibility"), CASES)
def test_view_the_inquiry_page(client, world, role, visibility):
    inquiry = world.inquiry(visibility)
    sign_in(client, world, role)

    response = client.get(inquiry.get_absolute_url())

    if role == "anonymous":
        assert_sent_to_sign_in(response)
    elif role in SEES[visibility]:
        assert response.status_code == 200
        assert "Spoke to the <em>pharmacy</em>." in response.content.decode()
    else:
        assert response.status_code == 404
        assert inquiry.title not in response.content.decode()


@pytest.mark.parametrize(("role", "visibility"), CASES)
def test_appear_in_lists_and_counts(client, world, role, visibility):
    inquiry = world.inquiry(visibility)
    person = sign_in(client, world, role)
    viewer = person or AnonymousUser()
    expected = 1 if role in SEES[visibility] else 0

    response = client.get(reverse("inquiries:list"))

    assert Inquiry.objects.visible_to(viewer).count() == expected
    assert inquiries_for_cohort(user=viewer, cohort=world.cohort).count() == expected
    assert Entry.objects.visible_to(viewer).count() == expected
    if role == "anonymous":
        assert_sent_to_sign_in(response)
    else:
        assert (inquiry.title in response.content.decode()) == bool(expected)


@pytest.mark.parametrize(("role", "visibility"), CASES)
def test_add_an_entry(client, world, role, visibility):
    inquiry = world.inquiry(visibility)
    sign_in(client, world, role)
    url = reverse("inquiries:entry_create", args=[inquiry.pk, 1, "action"])

    response = client.post(
        url, {"body": "Tried the new referral form.", "occurred_on": "2026-10-01"}
    )

    added = Entry.objects.filter(body="Tried the new referral form.").exists()
    if role == "anonymous":
        assert_sent_to_sign_in(response)
    elif role == "owner":
        assert response.status_code == 302
    else:
        assert response.status_code == 404
    assert added == (role == "owner")


@pytest.mark.parametrize(("role", "visibility"), CASES)
def test_edit_an_entry(client, world, role, visibility):
    inquiry = world.inquiry(visibility)
    entry = Entry.objects.get(cycle__inquiry=inquiry)
    sign_in(client, world, role)
    url = reverse("inquiries:entry_edit", args=[inquiry.pk, entry.pk])

    page = client.get(url)
    response = client.post(url, {"body": "Rewritten.", "occurred_on": "2026-10-01", "version": 1})

    entry.refresh_from_db()
    if role == "anonymous":
        assert_sent_to_sign_in(page)
        assert_sent_to_sign_in(response)
    elif role == "owner":
        assert page.status_code == 200
        assert response.status_code == 302
    else:
        assert page.status_code == 404
        assert response.status_code == 404
    assert (entry.body == "Rewritten.") == (role == "owner")


# Changes take effect at once.


def test_narrowing_the_visibility_hides_it_from_the_coach_at_once(client, world):
    inquiry = world.inquiry("cohort")
    client.force_login(world.owner)
    client.post(reverse("inquiries:visibility", args=[inquiry.pk]), {"visibility": "private"})

    client.force_login(world.coach)
    assert client.get(inquiry.get_absolute_url()).status_code == 404
    assert inquiry.title not in client.get(reverse("inquiries:list")).content.decode()


def test_widening_the_visibility_shows_it_to_fellow_members_at_once(client, world):
    inquiry = world.inquiry("private")
    client.force_login(world.owner)
    client.post(reverse("inquiries:visibility", args=[inquiry.pk]), {"visibility": "cohort"})

    client.force_login(world.fellow)
    assert client.get(inquiry.get_absolute_url()).status_code == 200


def test_only_the_owner_changes_the_visibility(client, world):
    inquiry = world.inquiry("cohort")
    client.force_login(world.coach)

    response = client.post(
        reverse("inquiries:visibility", args=[inquiry.pk]), {"visibility": "private"}
    )

    assert response.status_code == 404
    inquiry.refresh_from_db()
    assert inquiry.visibility == "cohort"


def test_a_coach_removed_from_the_cohort_loses_access_at_once(client, world):
    inquiry = world.inquiry("coaches")
    client.force_login(world.coach)
    assert client.get(inquiry.get_absolute_url()).status_code == 200

    Membership.objects.filter(user=world.coach, cohort=world.cohort).delete()

    assert client.get(inquiry.get_absolute_url()).status_code == 404
    assert inquiry.title not in client.get(reverse("inquiries:list")).content.decode()


def test_an_owner_removed_from_the_cohort_keeps_reading_but_nobody_else_sees_it(client, world):
    inquiry = world.inquiry("cohort")
    Membership.objects.filter(user=world.owner, cohort=world.cohort).delete()

    client.force_login(world.owner)
    page = client.get(inquiry.get_absolute_url())
    assert page.status_code == 200
    assert "only you can see this inquiry now" in page.content.decode()
    assert "Log an action" not in page.content.decode()
    response = client.post(
        reverse("inquiries:entry_create", args=[inquiry.pk, 1, "action"]), {"body": "More."}
    )
    assert response.status_code == 403
    assert "no longer in this cohort" in response.content.decode()

    for other in (world.coach, world.fellow, world.facilitator):
        client.force_login(other)
        assert client.get(inquiry.get_absolute_url()).status_code == 404


def test_closing_the_cohort_keeps_it_readable_and_stops_all_writing_at_once(client, world):
    inquiry = world.inquiry("cohort")
    entry = Entry.objects.get(cycle__inquiry=inquiry)
    world.cohort.status = CohortStatus.CLOSED
    world.cohort.save()

    client.force_login(world.coach)
    assert client.get(inquiry.get_absolute_url()).status_code == 200

    client.force_login(world.owner)
    page = client.get(inquiry.get_absolute_url()).content.decode()
    assert "This cohort is closed" in page
    assert "Log an action" not in page
    writes = [
        (reverse("inquiries:entry_create", args=[inquiry.pk, 1, "action"]), {"body": "More."}),
        (
            reverse("inquiries:entry_edit", args=[inquiry.pk, entry.pk]),
            {"body": "Changed.", "occurred_on": "2026-10-01", "version": 1},
        ),
        (reverse("inquiries:cycle_phase", args=[inquiry.pk, 1]), {"phase": "act"}),
        (reverse("inquiries:cycle_close", args=[inquiry.pk, 1]), {"learned": "Something."}),
    ]
    for url, data in writes:
        response = client.post(url, data)
        assert response.status_code == 403, url
        assert "This cohort is closed" in response.content.decode()
    entry.refresh_from_db()
    assert entry.body == "Spoke to the *pharmacy*."
    assert Entry.objects.count() == 1
    assert not inquiry.cycles.get().is_closed

    response = client.post(
        reverse("inquiries:create"),
        {"cohort": world.cohort.pk, "title": "New", "question": "How?", "visibility": "private"},
    )
    assert Inquiry.objects.count() == 1
    assert "not in an open cohort" in response.content.decode()


def test_the_owner_may_still_hide_an_inquiry_in_a_closed_cohort(client, world):
    inquiry = world.inquiry("cohort")
    world.cohort.status = CohortStatus.CLOSED
    world.cohort.save()
    client.force_login(world.owner)

    client.post(reverse("inquiries:visibility", args=[inquiry.pk]), {"visibility": "private"})

    client.force_login(world.fellow)
    assert client.get(inquiry.get_absolute_url()).status_code == 404


def test_an_inquiry_that_does_not_exist_looks_the_same_as_a_hidden_one(client, world):
    inquiry = world.inquiry("private")
    client.force_login(world.fellow)

    hidden = client.get(inquiry.get_absolute_url())
    missing = client.get(reverse("inquiries:detail", args=[inquiry.pk + 1000]))

    assert hidden.status_code == missing.status_code == 404

    def main(response):
        page = response.content.decode()
        return page[page.index("<main") : page.index("</main>")]

    assert main(hidden) == main(missing)
    assert inquiry.title not in main(hidden)
