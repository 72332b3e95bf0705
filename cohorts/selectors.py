"""Reads that join several tables, shaped for the cohorts pages."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import groupby

from django.db import models
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from .models import (
    Cohort,
    CohortEvent,
    CohortEventKind,
    ExpressionOfInterest,
    Invitation,
    Issue,
    Membership,
    Organisation,
    Sector,
)


def issues_with_cohort_counts():
    """Every issue, with ``cohort_count`` and ``interest_count`` added for the issue list."""
    return Issue.objects.annotate(
        cohort_count=Count("cohorts", distinct=True),
        interest_count=Count("interests", distinct=True),
    )


@dataclass
class AgencyMix:
    """How many sectors and organisations are among the people invited or joined."""

    people: int = 0
    unknown_organisation: int = 0
    by_organisation: Counter = field(default_factory=Counter)
    by_sector: Counter = field(default_factory=Counter)

    @property
    def organisation_count(self) -> int:
        return len(self.by_organisation)

    @property
    def sector_count(self) -> int:
        return len(self.by_sector)

    @property
    def dominant(self) -> tuple[Organisation, int] | None:
        """The organisation holding more than half of the people, if one does.

        Not until there are two people: a cohort that holds only its facilitator
        has no mix to warn about yet.
        """
        if self.people < 2 or not self.by_organisation:
            return None
        organisation, count = self.by_organisation.most_common(1)[0]
        return (organisation, count) if count * 2 > self.people else None

    @property
    def sectors(self) -> list[tuple[str, int]]:
        labels = dict(Sector.choices)
        return [(labels[key], count) for key, count in self.by_sector.most_common()]

    def add(self, organisation: Organisation | None) -> None:
        self.people += 1
        if organisation is None:
            self.unknown_organisation += 1
            return
        self.by_organisation[organisation] += 1
        self.by_sector[organisation.sector] += 1


def agency_mix(cohort: Cohort, *, include_invited: bool = True) -> AgencyMix:
    """Members, plus invitations holding a place: two queries whatever the size."""
    memberships = cohort.memberships.select_related("organisation")
    invitations = cohort.invitations.holding_a_place().select_related("organisation")
    return agency_mix_of(memberships, invitations if include_invited else [])


def agency_mix_of(memberships, invitations) -> AgencyMix:
    mix = AgencyMix()
    for place in [*memberships, *invitations]:
        mix.add(place.organisation)
    return mix


def places_taken(cohort: Cohort) -> int:
    """How many places are taken now, in one query (see CohortQuerySet.with_places_taken)."""
    cohorts = Cohort.objects.with_places_taken().filter(pk=cohort.pk)
    return cohorts.values_list("places_taken", flat=True).get()


def has_a_free_place(cohort: Cohort, *, for_invitation: Invitation | None = None) -> bool:
    """Whether one more person fits: the one capacity check, for inviting and joining.

    An invitation that holds a place keeps it: accepting it, or sending it again,
    needs only that members have not filled the cohort, which they can once it is
    made smaller. Then the first invited to accept gets in, as the invitation said.
    """
    if for_invitation is not None and for_invitation.holds_a_place:
        return cohort.memberships.count() < cohort.capacity
    return places_taken(cohort) < cohort.capacity


class CohortStanding(models.TextChoices):
    """Where someone interested in an issue stands with one of its cohorts."""

    MEMBER = "member", _("Member of this cohort")
    INVITED = "invited", _("Invited: waiting for an answer")

    @property
    def is_member(self) -> bool:
        return self == CohortStanding.MEMBER


@dataclass
class Formation:
    """Who holds a place in a cohort, members and invited, read once for the formation page."""

    memberships: list[Membership]
    invitations: list[Invitation]

    @property
    def mix(self) -> AgencyMix:
        return agency_mix_of(self.memberships, self.invitations)

    @property
    def standing_by_email(self) -> dict[str, CohortStanding]:
        """Who is already a member, or invited and not yet answered, by lower-case address."""
        standing = {i.email.lower(): CohortStanding.INVITED for i in self.invitations}
        standing.update({m.user.email.lower(): CohortStanding.MEMBER for m in self.memberships})
        return standing


def formation(cohort: Cohort) -> Formation:
    return Formation(
        memberships=list(cohort.memberships.select_related("user", "organisation")),
        invitations=list(cohort.invitations.holding_a_place().select_related("organisation")),
    )


def is_member(*, user, cohort: Cohort) -> bool:
    return Membership.objects.filter(user=user, cohort=cohort).exists()


def interest_of(*, user, issue: Issue) -> ExpressionOfInterest | None:
    """What the viewer said about an issue, if they said anything."""
    if not user.is_authenticated:
        return None
    return (
        ExpressionOfInterest.objects.filter(user=user, issue=issue)
        .select_related("organisation")
        .first()
    )


def members_by_organisation(cohort: Cohort) -> list[tuple[Organisation | None, list[Membership]]]:
    """Members grouped by organisation (A–Z, those without one last), then by name."""
    memberships = sorted(
        cohort.memberships.select_related("user", "organisation"),
        key=lambda m: (
            m.organisation is None,
            m.organisation.name.lower() if m.organisation else "",
            m.user.public_name.lower(),
        ),
    )
    return [(org, list(group)) for org, group in groupby(memberships, key=lambda m: m.organisation)]


@dataclass
class InterestGroup:
    sector_label: str
    organisations: list[tuple[Organisation, list[ExpressionOfInterest]]]


def interests_by_sector(
    issue: Issue, standing_by_email: dict[str, CohortStanding] | None = None
) -> list[InterestGroup]:
    """Everyone interested in an issue, grouped by sector then organisation. Never by rank.

    Each interest gets ``standing_in_cohort``: given who is a member of a cohort or
    invited to it (Formation.standing_by_email), the person's CohortStanding there,
    else None.
    """
    interests = issue.interests.select_related("user", "organisation").order_by(
        "organisation__sector", "organisation__name", "created_at"
    )
    standing_by_email = standing_by_email or {}
    by_sector: dict[str, dict[Organisation, list]] = defaultdict(lambda: defaultdict(list))
    for interest in interests:
        interest.standing_in_cohort = standing_by_email.get(interest.user.email.lower())
        by_sector[interest.organisation.sector][interest.organisation].append(interest)
    labels = dict(Sector.choices)
    return [
        InterestGroup(labels[sector], list(organisations.items()))
        for sector, organisations in by_sector.items()
    ]


# Invitation events name email addresses: only those who run the cohort see them.
INVITATION_EVENTS = (CohortEventKind.INVITED, CohortEventKind.RESENT, CohortEventKind.REVOKED)


def recent_events(cohort: Cohort, *, include_invitations: bool, limit: int = 10):
    events = cohort.events.select_related("actor")
    if not include_invitations:
        events = events.exclude(kind__in=INVITATION_EVENTS)
    return events[:limit]


def my_cohorts(user):
    """The viewer's cohorts with their role in each."""
    return (
        Membership.objects.filter(user=user)
        .select_related("cohort", "cohort__issue", "organisation")
        .order_by("cohort__status", "-cohort__starts_on")
    )


def invitations_for_management(cohort: Cohort):
    return cohort.invitations.select_related("organisation", "invited_by").order_by(
        "state", "-sent_at"
    )


def events_for_history(cohort: Cohort):
    return CohortEvent.objects.filter(cohort=cohort).select_related("actor")


def cohorts_for_issue(issue: Issue):
    return issue.cohorts.with_public_counts().order_by("-starts_on")
