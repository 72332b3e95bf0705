"""Who may open a cohort's pages, and who may run it: one rule each, asked by every view."""

import pytest
from django.contrib.auth.models import AnonymousUser

from cohorts.models import Cohort, Membership, Role
from cohorts.permissions import can_form_cohorts, can_manage_cohort
from tests.factories import CohortFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_cohort(people):
    return people.outsider.memberships.get().cohort


@pytest.mark.parametrize("role", ["participant", "coach", "facilitator"])
def test_members_in_every_role_see_their_own_cohort_and_no_other(people, other_cohort, role):
    visible = Cohort.objects.visible_to(getattr(people, role))

    assert list(visible) == [people.cohort]


def test_a_removed_member_no_longer_sees_the_cohort(people):
    Membership.objects.filter(user=people.participant).delete()

    assert not Cohort.objects.visible_to(people.participant).exists()


def test_a_member_of_another_cohort_sees_only_that_one(people, other_cohort):
    assert list(Cohort.objects.visible_to(people.outsider)) == [other_cohort]


def test_someone_in_no_cohort_sees_none(people):
    assert not Cohort.objects.visible_to(UserFactory()).exists()


def test_staff_see_every_cohort_without_being_members(people, other_cohort):
    empty = CohortFactory()

    visible = set(Cohort.objects.visible_to(people.staff))

    assert visible == {people.cohort, other_cohort, empty}
    assert not Membership.objects.filter(user=people.staff).exists()


def test_anonymous_visitors_see_none(people):
    assert not Cohort.objects.visible_to(AnonymousUser()).exists()


def test_a_cohort_with_several_members_is_listed_once_for_staff_and_members(people):
    assert Cohort.objects.visible_to(people.staff).filter(pk=people.cohort.pk).count() == 1
    assert Cohort.objects.visible_to(people.coach).count() == 1


@pytest.mark.parametrize(
    ("role", "runs_it"),
    [
        ("facilitator", True),
        ("staff", True),
        ("coach", False),
        ("participant", False),
        ("outsider", False),
    ],
)
def test_only_its_facilitators_and_staff_run_a_cohort(people, role, runs_it):
    assert can_manage_cohort(getattr(people, role), people.cohort) is runs_it


def test_a_facilitator_of_one_cohort_does_not_run_another(people, other_cohort):
    assert not can_manage_cohort(people.facilitator, other_cohort)
    assert not can_manage_cohort(AnonymousUser(), people.cohort)


def test_a_facilitator_made_a_participant_no_longer_runs_the_cohort(people):
    Membership.objects.filter(user=people.facilitator).update(role=Role.PARTICIPANT)

    assert not can_manage_cohort(people.facilitator, people.cohort)


@pytest.mark.parametrize(
    ("role", "forms"),
    [("facilitator", True), ("staff", True), ("coach", False), ("participant", False)],
)
def test_the_facilitators_group_and_staff_form_cohorts(people, role, forms):
    assert can_form_cohorts(getattr(people, role)) is forms
    assert not can_form_cohorts(AnonymousUser())
