"""Members' roles, and removing a member."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import (
    Cohort,
    CohortEventKind,
    Membership,
    Role,
)
from .cohorts import ensure_cohort_open, event_record


def ensure_a_facilitator_remains(membership: Membership) -> None:
    others = membership.cohort.memberships.filter(role=Role.FACILITATOR).exclude(pk=membership.pk)
    if membership.role == Role.FACILITATOR and not others.exists():
        raise ValidationError(
            _("A cohort needs at least one facilitator. Make someone else a facilitator first.")
        )


def lock_cohort_of(membership: Membership) -> Cohort:
    """Serialise changes to one cohort's members, so two facilitators stepping down at
    once cannot leave it with none. Returns the cohort as it is now."""
    return Cohort.objects.select_for_update().get(pk=membership.cohort_id)


@transaction.atomic
def membership_change_role(*, membership: Membership, role: str, actor) -> Membership:
    ensure_cohort_open(lock_cohort_of(membership))
    if role not in Role.values:
        raise ValidationError(_("Choose a role: participant, coach or facilitator."))
    if role == membership.role:
        return membership
    if role != Role.FACILITATOR:
        ensure_a_facilitator_remains(membership)
    old = membership.get_role_display()
    membership.role = role
    membership.save(update_fields=["role"])
    event_record(
        cohort=membership.cohort,
        actor=actor,
        kind=CohortEventKind.ROLE_CHANGED,
        subject=f"{membership.user.public_name}: {old} → {membership.get_role_display()}",
    )
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership, actor) -> None:
    """Removing a member ends at once everything their membership gave them.

    Allowed in a closed cohort too: taking access away writes nothing new.
    """
    lock_cohort_of(membership)
    ensure_a_facilitator_remains(membership)
    cohort, name = membership.cohort, membership.user.public_name
    membership.delete()
    event_record(cohort=cohort, actor=actor, kind=CohortEventKind.REMOVED, subject=name)
