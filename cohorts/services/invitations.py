"""Invitations: sent, renewed, revoked and accepted, within the cohort's places."""

import datetime
import enum
import uuid

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kernel.mail import Delivery
from kernel.submissions import save_once, sent_before

from ..emails import send_invitation
from ..models import (
    Cohort,
    CohortEventKind,
    Invitation,
    InvitationState,
    Membership,
    Organisation,
    hash_token,
    new_token,
)
from ..selectors import has_a_free_place, is_member
from .cohorts import ensure_cohort_open, event_record
from .organisations import organisation_picked_or_typed


def ensure_a_free_place(cohort: Cohort, *, for_invitation: Invitation | None = None) -> None:
    """Refuse, in the words a facilitator reads, an invitation the cohort has no place for."""
    if not has_a_free_place(cohort, for_invitation=for_invitation):
        raise ValidationError(
            _("The cohort is full: %(capacity)s places are taken or promised.")
            % {"capacity": cohort.capacity}
        )


@transaction.atomic
def invitation_create(
    *,
    cohort: Cohort,
    email: str,
    role: str,
    invited_by,
    organisation: Organisation | None = None,
    role_in_organisation: str = "",
    submission_key: uuid.UUID | None = None,
) -> tuple[Invitation, str | None]:
    """Invite an address to the cohort. Returns the invitation and its one-time token.

    The token is for a caller that hands the link over itself (the demo, tests); the
    invitation's email draws its own (cohorts/emails.py). The same form sent again makes
    no second invitation: the first is returned, with no token, as the first send
    emails the link.
    """
    mine = Invitation.objects.filter(cohort=cohort, invited_by=invited_by)
    if earlier := sent_before(mine, submission_key):
        return earlier, None
    cohort = Cohort.objects.select_for_update().get(pk=cohort.pk)
    ensure_cohort_open(cohort)
    email = email.strip().lower()
    if email == invited_by.email.lower():
        # Staff run cohorts without belonging to them; a membership of their own would
        # open inquiries to them, so it must come from someone else.
        raise ValidationError(_("You cannot invite yourself."))
    if cohort.memberships.filter(user__email__iexact=email).exists():
        raise ValidationError(_("%(email)s is already a member of this cohort.") % {"email": email})
    if waiting := cohort.invitations.holding_a_place().filter(email__iexact=email).first():
        if submission_key and (waiting.submission_key, waiting.invited_by) == (
            submission_key,
            invited_by,
        ):
            # The same form sent twice at once: both looked before either saved, and this
            # one waited for the cohort's lock while the other made the invitation.
            return waiting, None
        raise ValidationError(
            _("%(email)s already has an invitation waiting. Resend it instead.") % {"email": email}
        )
    ensure_a_free_place(cohort)
    # An expired invitation to the same address is closed off before the new one.
    cohort.invitations.filter(email__iexact=email, state=InvitationState.PENDING).update(
        state=InvitationState.EXPIRED
    )
    token = new_token()
    invitation = Invitation(
        cohort=cohort,
        email=email,
        role=role,
        organisation=organisation,
        role_in_organisation=role_in_organisation,
        token_hash=hash_token(token),
        expires_at=timezone.now() + datetime.timedelta(days=Invitation.VALID_FOR_DAYS),
        invited_by=invited_by,
        submission_key=submission_key,
    )
    invitation.full_clean(exclude=["submission_key"])  # its uniqueness is save_once's to decide
    if earlier := save_once(invitation, mine):
        return earlier, None
    event_record(cohort=cohort, actor=invited_by, kind=CohortEventKind.INVITED, subject=email)
    return invitation, token


@transaction.atomic
def invitation_send(
    *,
    cohort: Cohort,
    email: str,
    role: str,
    invited_by,
    organisation: Organisation | None = None,
    role_in_organisation: str = "",
    submission_key: uuid.UUID | None = None,
) -> tuple[Invitation, Delivery]:
    """Invite an address and email it a link once the invitation is saved.

    A mail server that fails leaves the invitation saved, and the Delivery says so. The
    same form sent again sends nothing: its Delivery stays untried (``sent is None``), as
    the first send's email is the one.
    """
    invitation, token = invitation_create(
        cohort=cohort,
        email=email,
        role=role,
        invited_by=invited_by,
        organisation=organisation,
        role_in_organisation=role_in_organisation,
        submission_key=submission_key,
    )
    if token is None:
        return invitation, Delivery()
    return invitation, send_invitation(invitation)


@transaction.atomic
def invitation_renew(*, invitation: Invitation, actor) -> tuple[Invitation, str]:
    """A fresh link and a fresh 14 days; the old link stops working. Returns the new token
    (for a caller that hands the link over itself: the email draws its own)."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    cohort = Cohort.objects.select_for_update().get(pk=invitation.cohort_id)
    ensure_cohort_open(cohort)
    if not invitation.can_be_resent:
        raise ValidationError(_("Only an invitation that has not been answered can be resent."))
    if cohort.memberships.filter(user__email__iexact=invitation.email).exists():
        raise ValidationError(
            _("%(email)s is already a member of this cohort.") % {"email": invitation.email}
        )
    others = cohort.invitations.filter(
        email__iexact=invitation.email, state=InvitationState.PENDING
    ).exclude(pk=invitation.pk)
    if others.filter(expires_at__gt=timezone.now()).exists():
        raise ValidationError(
            _("%(email)s has a newer invitation waiting. Resend that one.")
            % {"email": invitation.email}
        )
    others.update(state=InvitationState.EXPIRED)
    ensure_a_free_place(cohort, for_invitation=invitation)
    token = new_token()
    invitation.token_hash = hash_token(token)
    invitation.state = InvitationState.PENDING
    invitation.sent_at = timezone.now()
    invitation.expires_at = invitation.sent_at + datetime.timedelta(days=Invitation.VALID_FOR_DAYS)
    invitation.save()
    event_record(cohort=cohort, actor=actor, kind=CohortEventKind.RESENT, subject=invitation.email)
    return invitation, token


@transaction.atomic
def invitation_resend(*, invitation: Invitation, actor) -> tuple[Invitation, Delivery]:
    """Renew the invitation and email a new link once saved (see invitation_send)."""
    invitation, _token = invitation_renew(invitation=invitation, actor=actor)
    return invitation, send_invitation(invitation)


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, actor) -> Invitation:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.can_be_revoked:
        raise ValidationError(_("Only a pending invitation can be revoked."))
    invitation.state = InvitationState.REVOKED
    invitation.answered_at = timezone.now()
    invitation.save()
    event_record(
        cohort=invitation.cohort,
        actor=actor,
        kind=CohortEventKind.REVOKED,
        subject=invitation.email,
    )
    return invitation


class UnusableReason(enum.StrEnum):
    """Why an invitation link cannot be used; the page it shows says so in words."""

    UNKNOWN = "unknown"
    USED = "used"
    REVOKED = "revoked"
    EXPIRED = "expired"
    CLOSED = "closed"


class InvitationUnusable(Exception):
    """The link cannot be used; ``reason`` is an UnusableReason."""

    def __init__(self, reason: UnusableReason):
        super().__init__(reason)
        self.reason = reason


def invitation_for_token(token: str) -> Invitation:
    """The pending invitation a link stands for, or InvitationUnusable saying why not."""
    invitation = (
        Invitation.objects.by_token(token).select_related("cohort", "cohort__issue").first()
    )
    if invitation is None:
        raise InvitationUnusable(UnusableReason.UNKNOWN)
    if invitation.state == InvitationState.ACCEPTED:
        raise InvitationUnusable(UnusableReason.USED)
    if invitation.state == InvitationState.REVOKED:
        raise InvitationUnusable(UnusableReason.REVOKED)
    if invitation.is_expired:
        raise InvitationUnusable(UnusableReason.EXPIRED)
    if invitation.cohort.is_closed:
        raise InvitationUnusable(UnusableReason.CLOSED)
    return invitation


def invitation_accepted_by(*, token: str, user) -> Membership | None:
    """The membership this person joined with by this link, if they did and still hold it."""
    invitation = Invitation.objects.by_token(token).filter(
        state=InvitationState.ACCEPTED, accepted_by=user
    )
    return (
        Membership.objects.filter(user=user, cohort__invitations__in=invitation)
        .select_related("cohort")
        .first()
    )


@transaction.atomic
def invitation_accept(
    *,
    token: str,
    user,
    organisation: Organisation | None = None,
    new_organisation_name: str = "",
    role_in_organisation: str = "",
) -> Membership:
    """Use the link once: the person becomes a member in the invited role.

    Their organisation is the one they pick or type, else the one the invitation
    names; a typed name is kept only if they join. The link is the form's one-time key:
    sent again (or twice at once) by the person who accepted it, the membership it made
    is returned, as the first send answered.
    """
    try:
        invitation = invitation_for_token(token)
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.state != InvitationState.PENDING:  # answered while we were reading
            raise InvitationUnusable(UnusableReason.USED)
    except InvitationUnusable:
        if membership := invitation_accepted_by(token=token, user=user):
            return membership
        raise
    cohort = Cohort.objects.select_for_update().get(pk=invitation.cohort_id)
    if invitation.invited_by_id == user.pk:
        raise ValidationError(_("An invitation you sent cannot make you a member."))
    if is_member(user=user, cohort=cohort):
        raise ValidationError(_("You are already a member of this cohort."))
    if not has_a_free_place(cohort, for_invitation=invitation):
        raise ValidationError(_("The cohort is full. Please ask its facilitator."))
    organisation = organisation_picked_or_typed(
        picked=organisation, typed_name=new_organisation_name
    )
    try:
        with transaction.atomic():
            membership = Membership.objects.create(
                user=user,
                cohort=cohort,
                role=invitation.role,
                organisation=organisation or invitation.organisation,
                role_in_organisation=role_in_organisation or invitation.role_in_organisation,
            )
    except IntegrityError as error:
        raise ValidationError(_("You are already a member of this cohort.")) from error
    invitation.state = InvitationState.ACCEPTED
    invitation.accepted_by = user
    invitation.answered_at = timezone.now()
    invitation.save()
    event_record(
        cohort=cohort,
        actor=user,
        kind=CohortEventKind.JOINED,
        subject=_("as %(role)s") % {"role": membership.get_role_display().lower()},
    )
    return membership
