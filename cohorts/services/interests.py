"""Expressions of interest in a shared issue."""

from django.db import transaction

from ..models import (
    ExpressionOfInterest,
    Issue,
    Organisation,
)
from .organisations import organisation_picked_or_typed


@transaction.atomic
def interest_save(
    *,
    user,
    issue: Issue,
    organisation: Organisation | None = None,
    new_organisation_name: str = "",
    role_in_organisation: str,
    wants_to_work_on: str,
) -> ExpressionOfInterest:
    """Say, or say again, what one would work on in an issue; one interest per person and issue.

    A typed organisation name is kept only if the interest is saved.
    """
    interest = ExpressionOfInterest.objects.filter(user=user, issue=issue).first()
    interest = interest or ExpressionOfInterest(user=user, issue=issue)
    interest.organisation = organisation_picked_or_typed(
        picked=organisation, typed_name=new_organisation_name
    )
    interest.role_in_organisation = role_in_organisation
    interest.wants_to_work_on = wants_to_work_on
    interest.full_clean()
    interest.save()
    return interest


def interest_withdraw(*, user, issue: Issue) -> bool:
    deleted, _count = ExpressionOfInterest.objects.filter(user=user, issue=issue).delete()
    return bool(deleted)
