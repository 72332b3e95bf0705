"""Writes to cohorts. Views, the admin and the demo call these; each validates and runs
in one transaction."""

import datetime
import enum
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .emails import Delivery, send_invitation
from .models import (
    Cohort,
    CohortEvent,
    CohortEventKind,
    CohortStatus,
    ExpressionOfInterest,
    Invitation,
    InvitationState,
    Issue,
    Membership,
    Organisation,
    Role,
    Sector,
    hash_token,
    new_token,
)
from .selectors import has_a_free_place, is_member


def event_record(*, cohort, actor, kind, subject="") -> CohortEvent:
    return CohortEvent.objects.create(cohort=cohort, actor=actor, kind=kind, subject=subject)


def organisation_find_or_create(*, name: str) -> Organisation:
    """An organisation by name, any case; a new name makes an unverified one for staff to check."""
    name = " ".join(name.split())
    existing = Organisation.objects.filter(name__iexact=name).first()
    if existing:
        return existing
    organisation = Organisation(name=name, sector=Sector.OTHER, verified=False)
    organisation.full_clean()
    organisation.save()
    return organisation


def organisation_picked_or_typed(
    *, picked: Organisation | None, typed_name: str = ""
) -> Organisation | None:
    """The organisation a person picked from the list, or the one they typed (found or made)."""
    if picked is not None:
        return picked
    if typed_name.strip():
        return organisation_find_or_create(name=typed_name)
    return None


@transaction.atomic
def organisation_merge(*, source: Organisation, target: Organisation) -> Organisation:
    """Fold a duplicate into the organisation it duplicates, then delete it.

    Every relation to the duplicate moves, whichever app holds it (memberships,
    invitations, interests, the organisations tagged on entries), so nothing is
    lost when it goes.
    """
    if source.pk == target.pk:
        raise ValidationError(_("Choose two different organisations to merge."))
    for relation in _relations_to_organisations():
        if relation.many_to_many:
            through = relation.through
            own, other = _through_fields(through, relation.related_model)
            already = through.objects.filter(**{own: target}).values_list(other, flat=True)
            through.objects.filter(**{own: source}).exclude(**{f"{other}__in": already}).update(
                **{own: target}
            )
        else:
            relation.related_model._base_manager.filter(**{relation.field.name: source}).update(
                **{relation.field.name: target}
            )
    source.delete()
    return target


def _relations_to_organisations():
    """Every relation pointing at Organisation, those without a reverse name (an invitation's
    organisation) included; a many-to-many table comes once, through its many-to-many."""
    for field in Organisation._meta.get_fields(include_hidden=True):
        is_reverse = field.auto_created and not field.concrete and field.is_relation
        if is_reverse and not field.related_model._meta.auto_created:
            yield field


def _through_fields(through, related_model) -> tuple[str, str]:
    """The names of a many-to-many table's two sides: (organisation, the other model)."""
    own = other = None
    for field in through._meta.get_fields():
        if not field.is_relation or not field.many_to_one:
            continue
        if field.related_model is Organisation:
            own = field.name
        elif field.related_model is related_model:
            other = field.name
    return own, other


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


def unique_cohort_slug(name: str) -> str:
    base = slugify(name)[:180] or "cohort"
    slug, n = base, 2
    while Cohort.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def cohort_create(
    *,
    creator,
    issue: Issue,
    name: str,
    place: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    capacity: int,
    facilitator=None,
    organisation: Organisation | None = None,
    role_in_organisation: str = "",
) -> Cohort:
    """A new cohort, forming, with its first facilitator: its creator unless another is named
    (staff creating a cohort in the admin name one, and never become members themselves).

    The facilitator's organisation, unless given, is the one from their latest membership.
    """
    facilitator = facilitator or creator
    cohort = Cohort(
        issue=issue,
        name=name,
        slug=unique_cohort_slug(name),
        place=place,
        starts_on=starts_on,
        ends_on=ends_on,
        capacity=capacity,
        created_by=creator,
    )
    cohort.full_clean()
    cohort.save()
    if organisation is None:
        latest = (
            Membership.objects.filter(user=facilitator, organisation__isnull=False)
            .select_related("organisation")
            .order_by("-joined_at")
            .first()
        )
        organisation = latest.organisation if latest else None
    Membership.objects.create(
        user=facilitator,
        cohort=cohort,
        role=Role.FACILITATOR,
        organisation=organisation,
        role_in_organisation=role_in_organisation,
    )
    event_record(cohort=cohort, actor=creator, kind=CohortEventKind.CREATED, subject=cohort.name)
    return cohort


@transaction.atomic
def cohort_update(
    *,
    cohort: Cohort,
    actor,
    name: str,
    slug: str,
    issue: Issue,
    place: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    capacity: int,
    status: str,
) -> Cohort:
    """Change a cohort's details, as staff do in the admin.

    A new status goes through cohort_set_status, so only a possible change is made
    and it is in the cohort's history; a refusal names the status field.
    """
    cohort = Cohort.objects.select_for_update().get(pk=cohort.pk)
    cohort.name, cohort.slug, cohort.issue, cohort.place = name, slug, issue, place
    cohort.starts_on, cohort.ends_on, cohort.capacity = starts_on, ends_on, capacity
    cohort.full_clean()
    cohort.save()
    if status != cohort.status:
        try:
            cohort_set_status(cohort=cohort, status=status, actor=actor)
        except ValidationError as error:
            raise ValidationError({"status": error.messages}) from error
    return cohort


def ensure_cohort_open(cohort: Cohort) -> None:
    if cohort.is_closed:
        raise ValidationError(_("This cohort is closed: nothing new can be added to it."))


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
) -> tuple[Invitation, str]:
    """Invite an address to the cohort. Returns the invitation and its one-time token."""
    cohort = Cohort.objects.select_for_update().get(pk=cohort.pk)
    ensure_cohort_open(cohort)
    email = email.strip().lower()
    if email == invited_by.email.lower():
        # Staff run cohorts without belonging to them; a membership of their own would
        # open inquiries to them, so it must come from someone else.
        raise ValidationError(_("You cannot invite yourself."))
    if cohort.memberships.filter(user__email__iexact=email).exists():
        raise ValidationError(_("%(email)s is already a member of this cohort.") % {"email": email})
    if cohort.invitations.holding_a_place().filter(email__iexact=email).exists():
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
    )
    invitation.full_clean()
    invitation.save()
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
    absolute_url: Callable[[str], str],
) -> tuple[Invitation, Delivery]:
    """Invite an address and email it the link once the invitation is saved.

    ``absolute_url`` turns the link's path into an address (``request.build_absolute_uri``).
    A mail server that fails leaves the invitation saved, and the Delivery says so.
    """
    invitation, token = invitation_create(
        cohort=cohort,
        email=email,
        role=role,
        invited_by=invited_by,
        organisation=organisation,
        role_in_organisation=role_in_organisation,
    )
    return invitation, send_invitation(
        invitation=invitation, token=token, absolute_url=absolute_url
    )


@transaction.atomic
def invitation_renew(*, invitation: Invitation, actor) -> tuple[Invitation, str]:
    """A fresh link and a fresh 14 days; the old link stops working. Returns the new token."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    cohort = Cohort.objects.select_for_update().get(pk=invitation.cohort_id)
    ensure_cohort_open(cohort)
    if invitation.state not in (InvitationState.PENDING, InvitationState.EXPIRED):
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
def invitation_resend(
    *, invitation: Invitation, actor, absolute_url: Callable[[str], str]
) -> tuple[Invitation, Delivery]:
    """Renew the invitation and email its new link once saved (see invitation_send)."""
    invitation, token = invitation_renew(invitation=invitation, actor=actor)
    return invitation, send_invitation(
        invitation=invitation, token=token, absolute_url=absolute_url
    )


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, actor) -> Invitation:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.state != InvitationState.PENDING:
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
    names; a typed name is kept only if they join.
    """
    invitation = invitation_for_token(token)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.state != InvitationState.PENDING:  # answered while we were reading
        raise InvitationUnusable(UnusableReason.USED)
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


def ensure_a_facilitator_remains(membership: Membership) -> None:
    others = membership.cohort.memberships.filter(role=Role.FACILITATOR).exclude(pk=membership.pk)
    if membership.role == Role.FACILITATOR and not others.exists():
        raise ValidationError(
            _("A cohort needs at least one facilitator. Make someone else a facilitator first.")
        )


def lock_cohort_of(membership: Membership) -> None:
    """Serialise changes to one cohort's members, so two facilitators stepping down at
    once cannot leave it with none."""
    Cohort.objects.select_for_update().get(pk=membership.cohort_id)


@transaction.atomic
def membership_change_role(*, membership: Membership, role: str, actor) -> Membership:
    lock_cohort_of(membership)
    ensure_cohort_open(membership.cohort)
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


STATUS_CHANGES = {
    CohortStatus.FORMING: {CohortStatus.ACTIVE, CohortStatus.CLOSED},
    CohortStatus.ACTIVE: {CohortStatus.CLOSED},
    CohortStatus.CLOSED: set(),
}


@transaction.atomic
def cohort_set_status(*, cohort: Cohort, status: str, actor) -> Cohort:
    """Forming → active → closed. A closed cohort stays readable and takes nothing new."""
    if status not in STATUS_CHANGES[cohort.status]:
        raise ValidationError(
            _("A cohort cannot go from %(old)s to %(new)s.")
            % {"old": cohort.get_status_display(), "new": CohortStatus(status).label}
        )
    cohort.status = status
    cohort.save(update_fields=["status"])
    if status == CohortStatus.CLOSED:
        cohort.invitations.filter(state=InvitationState.PENDING).update(
            state=InvitationState.REVOKED, answered_at=timezone.now()
        )
    event_record(
        cohort=cohort,
        actor=actor,
        kind=CohortEventKind.STATUS_CHANGED,
        subject=CohortStatus(status).label,
    )
    return cohort
