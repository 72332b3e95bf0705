"""Who may form and run cohorts. One place, so every view asks the same question.

Who may open a cohort's pages at all is a queryset: ``Cohort.objects.visible_to(user)``.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from accounts.groups import FACILITATORS, is_programme_staff

from .models import Cohort, Membership, Role


def can_form_cohorts(user) -> bool:
    """Members of the Facilitators group may form cohorts for any issue; so may staff."""
    if not user.is_authenticated:
        return False
    return is_programme_staff(user) or user.groups.filter(name=FACILITATORS).exists()


def can_manage_cohort(user, cohort: Cohort) -> bool:
    """Only a cohort's own facilitators, or staff, run it."""
    if not user.is_authenticated:
        return False
    if is_programme_staff(user):
        return True
    return Membership.objects.filter(user=user, cohort=cohort, role=Role.FACILITATOR).exists()


def ensure_can_form_cohorts(user) -> None:
    if not can_form_cohorts(user):
        raise PermissionDenied(_("Only facilitators can form cohorts."))


def ensure_can_manage_cohort(user, cohort: Cohort) -> None:
    """Members who do not run the cohort are told so (403); others never see it (404)."""
    if not can_manage_cohort(user, cohort):
        raise PermissionDenied(_("Only this cohort's facilitators can do that."))
