"""Who may do what to cohorts. One place, so every view asks the same question."""

from accounts.groups import FACILITATORS

from .models import Cohort, Membership, Role


def can_form_cohorts(user) -> bool:
    """Members of the Facilitators group may form cohorts for any issue; so may staff."""
    if not user.is_authenticated:
        return False
    return user.is_staff or user.groups.filter(name=FACILITATORS).exists()


def can_manage_cohort(user, cohort: Cohort) -> bool:
    """Only a cohort's own facilitators, or staff, run it."""
    if not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    return Membership.objects.filter(user=user, cohort=cohort, role=Role.FACILITATOR).exists()
