"""Facilitators run a cohort: roles, removals, closing; each change in the history."""

import pytest
from django.urls import reverse

from cohorts.models import CohortEvent, Invitation, Membership, Role
from cohorts.services import invitation_create
from tests.factories import InquiryFactory

pytestmark = pytest.mark.django_db


def membership_of(people, user):
    return Membership.objects.get(cohort=people.cohort, user=user)


def test_a_facilitator_changes_a_role_and_it_is_in_the_history(client, people):
    client.force_login(people.facilitator)
    target = membership_of(people, people.participant)

    response = client.post(
        reverse("cohorts:member_role", args=[people.cohort.slug, target.pk]),
        {"role": Role.COACH},
        follow=True,
    )

    assert membership_of(people, people.participant).role == Role.COACH
    assert f"{people.participant.public_name} is now a coach." in response.content.decode()
    history = client.get(reverse("cohorts:cohort_history", args=[people.cohort.slug]))
    assert "changed the role of" in history.content.decode()
    assert f"{people.participant.public_name}: Participant → Coach" in history.content.decode()


def test_an_unknown_role_is_refused_clearly(client, people):
    client.force_login(people.facilitator)
    target = membership_of(people, people.participant)

    response = client.post(
        reverse("cohorts:member_role", args=[people.cohort.slug, target.pk]),
        {"role": "boss"},
        follow=True,
    )

    assert "Choose a role: participant, coach or facilitator." in response.content.decode()
    assert membership_of(people, people.participant).role == Role.PARTICIPANT


def test_the_last_facilitator_cannot_step_down_or_be_removed(client, people):
    client.force_login(people.facilitator)
    own = membership_of(people, people.facilitator)

    demoted = client.post(
        reverse("cohorts:member_role", args=[people.cohort.slug, own.pk]),
        {"role": Role.COACH},
        follow=True,
    )
    removed = client.post(
        reverse("cohorts:member_remove", args=[people.cohort.slug, own.pk]), follow=True
    )

    for response in (demoted, removed):
        assert "A cohort needs at least one facilitator" in response.content.decode()
    assert membership_of(people, people.facilitator).role == Role.FACILITATOR


def test_removing_a_member_takes_effect_at_once(client, people):
    removed_client = client.__class__()
    removed_client.force_login(people.participant)
    assert removed_client.get(people.cohort.get_absolute_url()).status_code == 200
    client.force_login(people.facilitator)
    target = membership_of(people, people.participant)

    confirm = client.get(reverse("cohorts:member_remove", args=[people.cohort.slug, target.pk]))
    assert "Their own inquiries stay theirs." in confirm.content.decode()
    client.post(reverse("cohorts:member_remove", args=[people.cohort.slug, target.pk]))

    assert not Membership.objects.filter(pk=target.pk).exists()
    assert removed_client.get(people.cohort.get_absolute_url()).status_code == 404
    assert CohortEvent.objects.filter(
        kind="removed", subject=people.participant.public_name
    ).exists()


def test_closing_keeps_the_cohort_readable_and_stops_anything_new(client, people):
    invitation, _token = invitation_create(
        cohort=people.cohort,
        email="pending@example.org",
        role=Role.PARTICIPANT,
        invited_by=people.facilitator,
    )
    client.force_login(people.facilitator)

    confirm = client.get(reverse("cohorts:cohort_status", args=[people.cohort.slug, "closed"]))
    assert "nothing new can be written" in confirm.content.decode()
    client.post(reverse("cohorts:cohort_status", args=[people.cohort.slug, "closed"]))

    people.cohort.refresh_from_db()
    assert people.cohort.is_closed
    invitation.refresh_from_db()
    assert invitation.state == "revoked"
    for user in (people.participant, people.coach, people.facilitator):
        client.force_login(user)
        page = client.get(people.cohort.get_absolute_url())
        assert page.status_code == 200
        assert "This cohort is closed." in page.content.decode()
    client.force_login(people.facilitator)
    target = membership_of(people, people.participant)
    refused = [
        client.post(
            reverse("cohorts:invitations", args=[people.cohort.slug]),
            {"email": "late@example.org", "role": "participant"},
        ),
        client.post(
            reverse("cohorts:member_role", args=[people.cohort.slug, target.pk]),
            {"role": "coach"},
            follow=True,
        ),
    ]
    for response in refused:
        assert "This cohort is closed: nothing new can be added to it." in response.content.decode()
    assert not Invitation.objects.filter(email="late@example.org").exists()
    assert membership_of(people, people.participant).role == Role.PARTICIPANT
    assert CohortEvent.objects.filter(kind="status_changed", subject="Closed").exists()


def test_a_member_can_still_be_removed_from_a_closed_cohort_and_loses_access(client, people):
    people.cohort.status = "closed"
    people.cohort.save()
    target = membership_of(people, people.coach)
    client.force_login(people.facilitator)

    client.post(reverse("cohorts:member_remove", args=[people.cohort.slug, target.pk]))

    client.force_login(people.coach)
    assert client.get(people.cohort.get_absolute_url()).status_code == 404


def test_a_forming_cohort_can_be_started(client, people):
    people.cohort.status = "forming"
    people.cohort.save()
    client.force_login(people.facilitator)

    client.post(reverse("cohorts:cohort_status", args=[people.cohort.slug, "active"]))

    people.cohort.refresh_from_db()
    assert people.cohort.status == "active"


def test_a_closed_cohort_cannot_be_reopened(client, people):
    people.cohort.status = "closed"
    people.cohort.save()
    client.force_login(people.facilitator)

    response = client.post(
        reverse("cohorts:cohort_status", args=[people.cohort.slug, "active"]), follow=True
    )

    assert "A cohort cannot go from Closed to Active." in response.content.decode()
    people.cohort.refresh_from_db()
    assert people.cohort.status == "closed"


def test_the_cohort_page_groups_members_by_organisation_with_roles(client, people):
    client.force_login(people.participant)

    page = client.get(people.cohort.get_absolute_url()).content.decode()

    for membership in people.cohort.memberships.select_related("organisation", "user"):
        assert membership.organisation.name in page
        assert membership.user.public_name in page
    assert "Recent activity" in page
    assert "Change role" not in page  # participants do not manage


def test_members_see_recent_activity_without_the_addresses_of_those_invited(client, people):
    invitation_create(
        cohort=people.cohort,
        email="private.address@example.org",
        role=Role.PARTICIPANT,
        invited_by=people.facilitator,
    )
    people.cohort.events.create(actor=people.coach, kind="joined", subject="as coach")

    client.force_login(people.participant)
    members_view = client.get(people.cohort.get_absolute_url()).content.decode()
    client.force_login(people.facilitator)
    facilitators_view = client.get(people.cohort.get_absolute_url()).content.decode()

    assert f"{people.coach.public_name} joined as coach" in members_view
    assert "private.address@example.org" not in members_view
    assert "private.address@example.org" in facilitators_view


def test_the_cohort_page_lists_only_the_inquiries_the_viewer_may_see(client, people):
    shared = InquiryFactory(
        owner=people.participant, cohort=people.cohort, visibility="cohort", title="Open to all"
    )
    coaches_only = InquiryFactory(
        owner=people.participant, cohort=people.cohort, visibility="coaches", title="For coaches"
    )
    private = InquiryFactory(
        owner=people.participant, cohort=people.cohort, visibility="private", title="Just mine"
    )

    def titles_seen_by(user):
        client.force_login(user)
        page = client.get(people.cohort.get_absolute_url()).content.decode()
        return {i.title for i in (shared, coaches_only, private) if i.title in page}

    assert titles_seen_by(people.participant) == {"Open to all", "For coaches", "Just mine"}
    assert titles_seen_by(people.coach) == {"Open to all", "For coaches"}
    assert titles_seen_by(people.facilitator) == {"Open to all"}
