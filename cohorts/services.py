"""Writes to cohorts. Views call these; each validates and runs in one transaction."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

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
from .selectors import pending_invitations


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


@transaction.atomic
def organisation_merge(*, source: Organisation, target: Organisation) -> Organisation:
    """Fold a duplicate into the organisation it duplicates, then delete it.

    Every relation to the duplicate moves, whichever app holds it (memberships,
    invitations, interests, the organisations tagged on entries), so nothing is
    lost when it goes.
    """
    if source.pk == target.pk:
        raise ValidationError(_("Choose two different organisations to merge."))
    for relation in Organisation._meta.related_objects:
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
    organisation: Organisation,
    role_in_organisation: str,
    wants_to_work_on: str,
) -> ExpressionOfInterest:
    interest = ExpressionOfInterest.objects.filter(user=user, issue=issue).first()
    interest = interest or ExpressionOfInterest(user=user, issue=issue)
    interest.organisation = organisation
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
    organisation: Organisation | None = None,
) -> Cohort:
    """A new cohort, forming, with its creator as its first facilitator.

    Their organisation, unless given, is the one from their latest membership.
    """
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
            Membership.objects.filter(user=creator, organisation__isnull=False)
            .select_related("organisation")
            .order_by("-joined_at")
            .first()
        )
        organisation = latest.organisation if latest else None
    Membership.objects.create(
        user=creator, cohort=cohort, role=Role.FACILITATOR, organisation=organisation
    )
    event_record(cohort=cohort, actor=creator, kind=CohortEventKind.CREATED, subject=cohort.name)
    return cohort


def ensure_open(cohort: Cohort) -> None:
    if cohort.is_closed:
        raise ValidationError(_("This cohort is closed: nothing new can be added to it."))


def places_taken(cohort: Cohort) -> int:
    return cohort.memberships.count() + pending_invitations(cohort).count()


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
    ensure_open(cohort)
    email = email.strip().lower()
    if email == invited_by.email.lower():
        # Staff run cohorts without belonging to them; a membership of their own would
        # open inquiries to them, so it must come from someone else.
        raise ValidationError(_("You cannot invite yourself."))
    if cohort.memberships.filter(user__email__iexact=email).exists():
        raise ValidationError(_("%(email)s is already a member of this cohort.") % {"email": email})
    if pending_invitations(cohort).filter(email__iexact=email).exists():
        raise ValidationError(
            _("%(email)s already has an invitation waiting. Resend it instead.") % {"email": email}
        )
    if places_taken(cohort) >= cohort.capacity:
        raise ValidationError(
            _("The cohort is full: %(capacity)s places are taken or promised.")
            % {"capacity": cohort.capacity}
        )
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
def invitation_resend(*, invitation: Invitation, actor) -> tuple[Invitation, str]:
    """A fresh link and a fresh 14 days; the old link stops working."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    cohort = Cohort.objects.select_for_update().get(pk=invitation.cohort_id)
    ensure_open(cohort)
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
    was_holding_a_place = invitation.state == InvitationState.PENDING and not invitation.is_expired
    if not was_holding_a_place and places_taken(cohort) >= cohort.capacity:
        raise ValidationError(
            _("The cohort is full: %(capacity)s places are taken or promised.")
            % {"capacity": cohort.capacity}
        )
    token = new_token()
    invitation.token_hash = hash_token(token)
    invitation.state = InvitationState.PENDING
    invitation.sent_at = timezone.now()
    invitation.expires_at = invitation.sent_at + datetime.timedelta(days=Invitation.VALID_FOR_DAYS)
    invitation.save()
    event_record(cohort=cohort, actor=actor, kind=CohortEventKind.RESENT, subject=invitation.email)
    return invitation, token


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


class InvitationUnusable(Exception):
    """The link cannot be used: unknown, already used, revoked or expired."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def invitation_for_token(token: str) -> Invitation:
    """The pending invitation a link stands for, or InvitationUnusable saying why not."""
    invitation = (
        Invitation.objects.by_token(token).select_related("cohort", "cohort__issue").first()
    )
    if invitation is None:
        raise InvitationUnusable("unknown")
    if invitation.state == InvitationState.ACCEPTED:
        raise InvitationUnusable("used")
    if invitation.state == InvitationState.REVOKED:
        raise InvitationUnusable("revoked")
    if invitation.is_expired:
        raise InvitationUnusable("expired")
    if invitation.cohort.is_closed:
        raise InvitationUnusable("closed")
    return invitation


@transaction.atomic
def invitation_accept(
    *,
    token: str,
    user,
    organisation: Organisation | None = None,
    role_in_organisation: str = "",
) -> Membership:
    """Use the link once: the person becomes a member in the invited role."""
    invitation = invitation_for_token(token)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.state != InvitationState.PENDING:  # answered while we were reading
        raise InvitationUnusable("used")
    cohort = Cohort.objects.select_for_update().get(pk=invitation.cohort_id)
    if invitation.invited_by_id == user.pk:
        raise ValidationError(_("An invitation you sent cannot make you a member."))
    if cohort.memberships.filter(user=user).exists():
        raise ValidationError(_("You are already a member of this cohort."))
    if cohort.memberships.count() >= cohort.capacity:
        raise ValidationError(_("The cohort is full. Please ask its facilitator."))
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


def lock_cohort(membership: Membership) -> None:
    """Serialise changes to one cohort's members, so two facilitators stepping down at
    once cannot leave it with none."""
    Cohort.objects.select_for_update().get(pk=membership.cohort_id)


@transaction.atomic
def membership_change_role(*, membership: Membership, role: str, actor) -> Membership:
    lock_cohort(membership)
    ensure_open(membership.cohort)
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
    lock_cohort(membership)
    ensure_a_facilitator_remains(membership)
    cohort, name = membership.cohort, membership.user.public_name
    membership.delete()
    event_record(cohort=cohort, actor=actor, kind=CohortEventKind.REMOVED, subject=name)


@transaction.atomic
def cohort_set_status(*, cohort: Cohort, status: str, actor) -> Cohort:
    """Forming → active → closed. A closed cohort stays readable and takes nothing new."""
    allowed = {
        CohortStatus.FORMING: {CohortStatus.ACTIVE, CohortStatus.CLOSED},
        CohortStatus.ACTIVE: {CohortStatus.CLOSED},
        CohortStatus.CLOSED: set(),
    }
    if status not in allowed[cohort.status]:
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
