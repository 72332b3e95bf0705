"""Expressions of interest in a shared issue.

An interest needs no one-time key (``kernel/submissions.py``): there is one per person and
issue, so the same form sent again says the same words over the first and answers the same.
"""

from django.db import IntegrityError, transaction

from ..models import (
    ExpressionOfInterest,
    Issue,
    Organisation,
)
from .organisations import organisation_picked_or_typed


def interest_of(*, user, issue: Issue) -> ExpressionOfInterest | None:
    return ExpressionOfInterest.objects.filter(user=user, issue=issue).first()


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
    said = {
        "organisation": organisation_picked_or_typed(
            picked=organisation, typed_name=new_organisation_name
        ),
        "role_in_organisation": role_in_organisation,
        "wants_to_work_on": wants_to_work_on,
    }
    interest = interest_of(user=user, issue=issue) or ExpressionOfInterest(user=user, issue=issue)
    for field, value in said.items():
        setattr(interest, field, value)
    # One per person and issue: the save decides, since a look now would miss a send
    # saving at this very moment.
    interest.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            interest.save()
    except IntegrityError:
        # The same form sent twice at once, and the other send saved first: say it over that.
        first_send = ExpressionOfInterest.objects.filter(user=user, issue=issue)
        if not first_send.update(**said):
            raise
        interest = first_send.get()
    return interest


def interest_withdraw(*, user, issue: Issue) -> bool:
    deleted, _count = ExpressionOfInterest.objects.filter(user=user, issue=issue).delete()
    return bool(deleted)
