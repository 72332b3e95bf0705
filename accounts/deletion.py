"""Deleting a person's account: every app removes its own part, in one transaction.

Each app's ``personal_data`` module (accounts/personal_data.py) adds to the export:

``counts(user)``
    yields a queryset for each kind of thing deleting the account will remove; the page
    counts each and names it by its model ("12 entries, 3 comments").
``refusals(user, by_staff=False)`` (optional)
    yields a sentence for each reason the account may not go yet (a cohort that would be
    left without a facilitator), said to the person, or about them when staff delete it.
    Deletion is refused while there is any.
``delete(user, choices)``
    removes what the database's cascade from the user row would not remove as it should
    (a comment others replied to is shown as removed; a byline is renamed if asked).

Staff deleting an account in either admin (accounts/admin.py, accounts/admin_views.py)
come through ``delete_accounts``: the same parts, the same refusals.

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
    by_staff: bool = False  # refusals are then said about the person, not to them


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


@dataclass(frozen=True)
class Summary:
    """What staff see about one account before they delete it: counts and refusals,
    never a title or a sentence the person wrote."""

    person: object
    counts: list[str]
    refusals: list[str]


def summaries(users) -> list[Summary]:
    return [Summary(user, counts(user), refusals(user, by_staff=True)) for user in users]


def refusals(user, *, by_staff=False) -> list[str]:
    return [
        reason
        for provider in providers()
        if hasattr(provider, "refusals")
        for reason in provider.refusals(user, by_staff=by_staff)
    ]


@transaction.atomic
def delete_account(user, choices: DeletionChoices) -> None:
    """All or nothing: a failure anywhere rolls back every app's part."""
    reasons = refusals(user, by_staff=choices.by_staff)
    if reasons:
        raise ValidationError(reasons)
    for provider in reversed(providers()):
        provider.delete(user, choices)
    user.delete()


@transaction.atomic
def delete_accounts(users, choices: DeletionChoices) -> None:
    """Several accounts at once (staff's bulk deletion): all of them, or none."""
    for user in users:
        delete_account(user, choices)
