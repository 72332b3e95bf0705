"""Deleting a person's account: every app removes its own part, in one transaction.

Each app's ``personal_data`` module (accounts/personal_data.py) adds to the export:

``counts(user)``
    yields a queryset for each kind of thing deleting the account will remove; the page
    counts each and names it by its model ("12 entries, 3 comments").
``refusals(user)`` (optional)
    yields a sentence for each reason the account may not go yet (a cohort that would be
    left without a facilitator). Deletion is refused while there is any.
``delete(user, choices)``
    removes what the database's cascade from the user row would not remove as it should
    (a comment others replied to is shown as removed; a byline is renamed if asked).

The apps go from the top layer down (cms before inquiries before cohorts), so each
finds what it removes still in place; then the user row goes, and the cascade with it.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from .personal_data import providers


@dataclass(frozen=True)
class DeletionChoices:
    keep_byline: bool  # published weeknotes keep the person's name, or say "a former participant"


def counts(user) -> list[str]:
    """What will be removed, as "12 entries": the kinds with none are left out."""
    said = []
    for provider in providers():
        for queryset in provider.counts(user):
            number, meta = queryset.count(), queryset.model._meta
            if number:
                said.append(
                    f"{number} {meta.verbose_name if number == 1 else meta.verbose_name_plural}"
                )
    return said


def refusals(user) -> list[str]:
    return [
        reason
        for provider in providers()
        if hasattr(provider, "refusals")
        for reason in provider.refusals(user)
    ]


@transaction.atomic
def delete_account(user, choices: DeletionChoices) -> None:
    """All or nothing: a failure anywhere rolls back every app's part."""
    reasons = refusals(user)
    if reasons:
        raise ValidationError(reasons)
    for provider in reversed(providers()):
        provider.delete(user, choices)
    user.delete()
