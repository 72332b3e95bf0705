"""Cohorts: created, changed, started and closed. Creation and status changes go into the
cohort's history; other edits (name, dates, capacity) are in Wagtail's admin log."""

import datetime
import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.groups import is_programme_staff
from kernel.submissions import save_once, sent_before

from ..models import (
    Cohort,
    CohortEvent,
    CohortEventKind,
    CohortStatus,
    InvitationState,
    Issue,
    Membership,
    Organisation,
    Role,
)


def event_record(*, cohort, actor, kind, subject="") -> CohortEvent:
    return CohortEvent.objects.create(cohort=cohort, actor=actor, kind=kind, subject=subject)


def ensure_cohort_open(cohort: Cohort) -> None:
    if cohort.is_closed:
        raise ValidationError(_("This cohort is closed: nothing new can be added to it."))


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
    submission_key: uuid.UUID | None = None,
) -> Cohort:
    """A new cohort, forming, with its first facilitator: its creator unless another is named
    (staff creating a cohort in the admin name one, and never become members themselves).

    The facilitator's organisation, unless given, is the one from their latest membership.
    The same form sent again makes no second cohort: the first is returned.
    """
    mine = Cohort.objects.filter(created_by=creator, issue=issue)
    if earlier := sent_before(mine, submission_key):
        return earlier
    facilitator = facilitator or creator
    if is_programme_staff(facilitator):
        # A membership would open inquiries to them, which staff never read.
        raise ValidationError(
            _(
                "Staff run cohorts without belonging to them: create it in the admin "
                "and name its first facilitator there."
            )
        )
    cohort = Cohort(
        issue=issue,
        name=name,
        slug=unique_cohort_slug(name),
        place=place,
        starts_on=starts_on,
        ends_on=ends_on,
        capacity=capacity,
        created_by=creator,
        submission_key=submission_key,
    )
    # The key's and the slug's uniqueness are save_once's to decide: the same form sent
    # twice at once may have taken this slug a moment ago, and is then the answer.
    cohort.full_clean(exclude=["submission_key", "slug"])
    if earlier := save_once(cohort, mine):
        return earlier
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


# Forming → active → closed, never back.
STATUS_CHANGES = {
    CohortStatus.FORMING: {CohortStatus.ACTIVE, CohortStatus.CLOSED},
    CohortStatus.ACTIVE: {CohortStatus.CLOSED},
    CohortStatus.CLOSED: set(),
}


@transaction.atomic
def cohort_set_status(*, cohort: Cohort, status: str, actor) -> Cohort:
    """Forming → active → closed. A closed cohort stays readable and takes nothing new."""
    # Read the status under a lock: a "start" and a "close" at once cannot both pass.
    locked = Cohort.objects.select_for_update().get(pk=cohort.pk)
    if status not in STATUS_CHANGES[locked.status]:
        raise ValidationError(
            _("A cohort cannot go from %(old)s to %(new)s.")
            % {"old": locked.get_status_display(), "new": CohortStatus(status).label}
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
