"""A cohort's places taken, and the one check whether there is a place."""

import datetime

import pytest
from django.utils import timezone

from cohorts.models import Cohort, Invitation, InvitationState, Role
from cohorts.selectors import has_a_free_place, places_taken
from cohorts.services import invitation_create
from tests.factories import CohortFactory, MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort():
    """Capacity 4, with two members."""
    cohort = CohortFactory(capacity=4)
    MembershipFactory(cohort=cohort, role=Role.FACILITATOR)
    MembershipFactory(cohort=cohort)
    return cohort


def invite(cohort, email) -> Invitation:
    facilitator = cohort.memberships.get(role=Role.FACILITATOR).user
    invitation, _token = invitation_create(
        cohort=cohort, email=email, role=Role.PARTICIPANT, invited_by=facilitator
    )
    return invitation


def test_members_in_every_role_and_waiting_invitations_take_places(cohort):
    MembershipFactory(cohort=cohort, role=Role.COACH)
    invite(cohort, "waiting@example.org")

    assert places_taken(cohort) == 4
    assert Cohort.objects.with_places_taken().get(pk=cohort.pk).places_taken == 4


def test_expired_revoked_and_accepted_invitations_take_no_place(cohort):
    cohort.capacity = 10
    cohort.save()
    expired, revoked, accepted = (
        invite(cohort, f"{name}@example.org") for name in ("expired", "revoked", "accepted")
    )
    Invitation.objects.filter(pk=expired.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    Invitation.objects.filter(pk=revoked.pk).update(state=InvitationState.REVOKED)
    Invitation.objects.filter(pk=accepted.pk).update(state=InvitationState.ACCEPTED)

    assert places_taken(cohort) == 2
    assert not any(
        invitation.holds_a_place for invitation in Invitation.objects.filter(cohort=cohort)
    )


def test_each_cohort_counts_only_its_own_places(cohort):
    other = CohortFactory()
    MembershipFactory(cohort=other)

    counted = dict(Cohort.objects.with_places_taken().values_list("pk", "places_taken"))

    assert counted == {cohort.pk: 2, other.pk: 1}
    assert places_taken(CohortFactory()) == 0


def test_there_is_a_place_until_members_and_invitations_fill_the_capacity(cohort):
    assert has_a_free_place(cohort)
    invite(cohort, "third@example.org")
    assert has_a_free_place(cohort)
    invite(cohort, "fourth@example.org")
    assert not has_a_free_place(cohort)


def test_an_invitation_holding_a_place_needs_no_new_one(cohort):
    invite(cohort, "third@example.org")
    last = invite(cohort, "fourth@example.org")

    assert not has_a_free_place(cohort)
    assert has_a_free_place(cohort, for_invitation=last)


def test_when_the_cohort_is_made_smaller_the_first_invited_to_accept_gets_in(cohort):
    first = invite(cohort, "third@example.org")
    second = invite(cohort, "fourth@example.org")
    cohort.capacity = 3
    cohort.save()

    assert has_a_free_place(cohort, for_invitation=first)
    MembershipFactory(cohort=cohort)  # the first one joined
    assert not has_a_free_place(cohort, for_invitation=second)


def test_an_expired_invitation_needs_a_free_place_like_a_new_one(cohort):
    expired = invite(cohort, "third@example.org")
    Invitation.objects.filter(pk=expired.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    expired.refresh_from_db()
    invite(cohort, "fourth@example.org")
    invite(cohort, "fifth@example.org")

    assert not has_a_free_place(cohort, for_invitation=expired)
