"""Whether a person may write in an inquiry, comment on it, or change a comment; if not, why.

Asked by everyone who needs the answer: services enforce it, views and templates
ask it to decide what to offer, and every refusal is worded once, in ``Refusal``.
Who may *read* is decided elsewhere, by ``Inquiry.objects.visible_to``.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from cohorts.models import Membership

from .models import Comment, Inquiry


class Refusal(models.TextChoices):
    """Why something may not be written, each with the one sentence that says so."""

    NOT_OWNER = "not_owner", _("Only the person whose inquiry this is can add to it or change it.")
    OWNER_LEFT = (
        "owner_left",
        _(
            "You are no longer in this cohort: your inquiry stays yours to read, "
            "and nothing new can be added."
        ),
    )
    COHORT_CLOSED = (
        "cohort_closed",
        _("This cohort is closed: everything stays readable, and nothing new can be added."),
    )
    NOT_IN_CONVERSATION = "not_in_conversation", _("You can no longer comment here.")
    NOT_AUTHOR = "not_author", _("Only its author can change a comment.")


class ReadOnly(PermissionDenied):
    """The inquiry is readable, but this write is refused; ``reason`` says why."""

    def __init__(self, refusal: Refusal, *, inquiry: Inquiry):
        super().__init__(refusal.label)
        self.refusal = refusal
        self.inquiry = inquiry

    @property
    def reason(self) -> str:
        return self.refusal.label


@dataclass(frozen=True)
class Decision:
    """Yes, or no and why. Templates read ``allowed``, ``reason`` and ``notice``."""

    inquiry: Inquiry
    refusal: Refusal | None = None

    @property
    def allowed(self) -> bool:
        return self.refusal is None

    @property
    def reason(self) -> str:
        return self.refusal.label if self.refusal else ""

    @property
    def notice(self) -> str:
        """The reason, when it is about the inquiry and not only about who is asking:
        what the inquiry's page tells everyone who reads it. That it is someone
        else's inquiry goes without saying."""
        return "" if self.refusal in (None, Refusal.NOT_OWNER) else self.reason

    def enforce(self) -> None:
        """Raise ``ReadOnly`` with the reason, if refused."""
        if self.refusal is not None:
            raise ReadOnly(self.refusal, inquiry=self.inquiry)


def _is_owner(user, inquiry: Inquiry) -> bool:
    return user.is_authenticated and inquiry.owner_id == user.pk


def may_write(*, inquiry: Inquiry, user) -> Decision:
    """Only the owner writes (the question, cycles, phases, entries), while they are in
    the inquiry's cohort and it is open.

    An owner who left hears that first; anyone else hears that the cohort is closed
    before they hear that the inquiry is not theirs.
    """
    is_owner = _is_owner(user, inquiry)
    if is_owner and not Membership.objects.filter(user=user, cohort=inquiry.cohort_id).exists():
        return Decision(inquiry, Refusal.OWNER_LEFT)
    if inquiry.cohort.is_closed:
        return Decision(inquiry, Refusal.COHORT_CLOSED)
    if not is_owner:
        return Decision(inquiry, Refusal.NOT_OWNER)
    return Decision(inquiry)


def may_change_visibility(*, inquiry: Inquiry, user) -> Decision:
    """The owner chooses who reads their inquiry at any time, even in a closed cohort or
    after leaving it: choosing who reads what you wrote is not new writing."""
    return Decision(inquiry, None if _is_owner(user, inquiry) else Refusal.NOT_OWNER)


def may_comment(*, inquiry: Inquiry, user) -> Decision:
    """Whoever sees an inquiry may comment on it and reply, while they are in its cohort
    and it is open."""
    in_conversation = user.is_authenticated and (
        Inquiry.objects.visible_to(user)
        .filter(pk=inquiry.pk)
        .filter(Exists(Membership.objects.filter(user=user, cohort=OuterRef("cohort"))))
        .exists()
    )
    if not in_conversation:
        return Decision(inquiry, Refusal.NOT_IN_CONVERSATION)
    if inquiry.cohort.is_closed:
        return Decision(inquiry, Refusal.COHORT_CLOSED)
    return Decision(inquiry)


def may_change_comment(*, comment: Comment, user) -> Decision:
    """Its author edits or removes a comment not yet removed, while they may comment there."""
    decision = may_comment(inquiry=comment.inquiry, user=user)
    if decision.allowed and (comment.author_id != user.pk or comment.is_removed):
        return Decision(comment.inquiry, Refusal.NOT_AUTHOR)
    return decision
