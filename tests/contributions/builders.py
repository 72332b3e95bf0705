"""A cohort whose organisations log actions together, for the relationship map's tests."""

import datetime
from dataclasses import dataclass

from cohorts.models import Role, Sector
from inquiries.models import Cycle, Entry
from tests.factories import (
    CohortFactory,
    CycleFactory,
    InquiryFactory,
    MembershipFactory,
    OrganisationFactory,
)

STARTS_ON = datetime.date(2025, 1, 1)
ENDS_ON = datetime.date(2025, 6, 30)


@dataclass
class World:
    cohort: object
    owner: object
    other: object
    coach: object
    facilitator: object
    outsider: object
    police: object
    health: object
    council: object


def world() -> World:
    """A finished cohort (January to June 2025), so its months never depend on today."""
    cohort = CohortFactory(starts_on=STARTS_ON, ends_on=ENDS_ON)
    police = OrganisationFactory(name="Police", sector=Sector.POLICE)
    health = OrganisationFactory(name="the health board", sector=Sector.HEALTH)
    council = OrganisationFactory(name="Wrexham Council", sector=Sector.COUNCIL)

    def member(role, organisation):
        return MembershipFactory(cohort=cohort, role=role, organisation=organisation).user

    return World(
        cohort=cohort,
        owner=member(Role.PARTICIPANT, police),
        other=member(Role.PARTICIPANT, council),
        coach=member(Role.COACH, health),
        facilitator=member(Role.FACILITATOR, council),
        outsider=MembershipFactory(role=Role.PARTICIPANT).user,
        police=police,
        health=health,
        council=council,
    )


def cycle_of(owner, cohort, visibility="cohort") -> Cycle:
    inquiry = InquiryFactory(owner=owner, cohort=cohort, visibility=visibility)
    return CycleFactory(inquiry=inquiry, number=1, started_on=STARTS_ON)


def log_action(cycle, *organisations, on=datetime.date(2025, 3, 10), kind="action") -> Entry:
    entry = Entry.objects.create(
        cycle=cycle, kind=kind, occurred_on=on, body="Met.", body_html="<p>Met.</p>"
    )
    entry.organisations.set(organisations)
    return entry


def log_actions(cycle, organisations, count, on=datetime.date(2025, 3, 10)):
    """Many actions at once, each naming the same organisations: for the query budgets."""
    entries = Entry.objects.bulk_create(
        Entry(cycle=cycle, kind="action", occurred_on=on, body="Met.", body_html="<p>Met.</p>")
        for _ in range(count)
    )
    Entry.organisations.through.objects.bulk_create(
        Entry.organisations.through(entry=entry, organisation=organisation)
        for entry in entries
        for organisation in organisations
    )
    return entries


def new_participant(cohort, organisation):
    return MembershipFactory(cohort=cohort, role=Role.PARTICIPANT, organisation=organisation).user


def picture_in(html: str) -> str:
    """The map's SVG in a page (the legend's samples are other, smaller SVGs)."""
    start = html.index('<svg xmlns="http://www.w3.org/2000/svg" class="relationship-map"')
    return html[start : html.index("</svg>", start) + len("</svg>")]
