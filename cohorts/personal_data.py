"""Cohorts' part of a person's export and of the deletion of their account (the
protocol: accounts/personal_data.py, accounts/deletion.py): the cohorts they belong to
and the interest they expressed in shared issues."""

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from accounts.personal_data import stamp

from .models import (
    Cohort,
    CohortEvent,
    CohortStatus,
    ExpressionOfInterest,
    Invitation,
    Membership,
    Role,
)
from .services.memberships import ensure_a_facilitator_remains
from .services.organisations import organisations_forget_unused


def sections(user):
    memberships = (
        Membership.objects.filter(user=user)
        .select_related("cohort__issue", "organisation")
        .order_by("joined_at", "pk")
    )
    yield (
        "memberships",
        (
            {
                "cohort": membership.cohort.name,
                "issue": membership.cohort.issue.title,
                "role": membership.role,
                "organisation": membership.organisation.name if membership.organisation else "",
                "role_in_organisation": membership.role_in_organisation,
                "joined_at": stamp(membership.joined_at),
            }
            for membership in memberships
        ),
    )
    interests = (
        ExpressionOfInterest.objects.filter(user=user)
        .select_related("issue", "organisation")
        .order_by("created_at", "pk")
    )
    yield (
        "expressions_of_interest",
        (
            {
                "issue": interest.issue.title,
                "organisation": interest.organisation.name if interest.organisation else "",
                "role_in_organisation": interest.role_in_organisation,
                "wants_to_work_on": interest.wants_to_work_on,
                "created_at": stamp(interest.created_at),
            }
            for interest in interests
        ),
    )


def files(user):
    return iter(())


# --- Deleting the account (accounts/deletion.py) ---


def counts(user):
    yield Membership.objects.filter(user=user)
    yield ExpressionOfInterest.objects.filter(user=user)


def _facilitating(user):
    return Membership.objects.filter(
        user=user,
        role=Role.FACILITATOR,
        cohort__status__in=[CohortStatus.FORMING, CohortStatus.ACTIVE],
    )


def refusals(user, by_staff=False):
    """A cohort still running keeps a facilitator: the same rule as stepping down."""
    for membership in _facilitating(user).select_related("cohort"):
        try:
            ensure_a_facilitator_remains(membership)
        except ValidationError:
            names = {"cohort": membership.cohort.name, "person": user.public_name}
            if by_staff:
                yield (
                    _(
                        "%(person)s is the only facilitator of %(cohort)s. Make someone else a "
                        "facilitator of it first, then delete the account."
                    )
                    % names
                )
            else:
                yield (
                    _(
                        "You are the only facilitator of %(cohort)s. Make someone else a "
                        "facilitator of it first, then come back to delete your account."
                    )
                    % names
                )


def delete(user, choices) -> None:
    """Memberships and interests go, and with them the organisations only they named
    (typed by the person, never verified). Their address would stay on facilitators'
    pages, in the invitations sent to it and in each cohort's history."""
    # Checked again with their cohorts locked, as when a facilitator steps down
    # (services/memberships.py): two facilitators leaving at once cannot both go.
    list(Cohort.objects.select_for_update().filter(pk__in=_facilitating(user).values("cohort")))
    if reasons := list(refusals(user, choices.by_staff)):
        raise ValidationError(reasons)
    Invitation.objects.filter(Q(accepted_by=user) | Q(email__iexact=user.email)).delete()
    CohortEvent.objects.filter(subject__iexact=user.email).update(
        subject=_("the address of a deleted account")
    )
    memberships = Membership.objects.filter(user=user)
    interests = ExpressionOfInterest.objects.filter(user=user)
    named = {
        *memberships.values_list("organisation", flat=True),
        *interests.values_list("organisation", flat=True),
    } - {None}
    memberships.delete()
    interests.delete()
    organisations_forget_unused(named)
