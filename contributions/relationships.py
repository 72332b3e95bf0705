"""Who worked with whom, between a cohort's organisations: the links of the relationship map.

A link joins two organisations. It is made of **link events**, each one piece of
evidence that the two worked together on a day: ``LinkEvent(org_a, org_b, on, kind)``.
Two kinds of evidence are combined in ``link_events``: logged actions
(``action_link_events``) and offers of help taken up (``offer_link_events``).

Only what the viewer may read counts: actions come through
``Entry.objects.visible_to(viewer)``, so a coach may see more links than a
participant and a private inquiry's actions count for its owner alone. Asks and
whether an offer was taken up are shared with the whole cohort, so every member
(and nobody else, staff included) sees those links. Events carry organisations, never people.
"""

import datetime
from dataclasses import dataclass
from itertools import combinations
from typing import NamedTuple

from django.db.models import F, Q
from django.utils import timezone

from cohorts.models import Cohort, Membership, Organisation, Sector
from inquiries.models import Entry, EntryKind
from inquiries.selectors import cohort_organisations

from .models import Ask, Offer

ACTION = "action"
OFFER = "offer"
SECTOR_ORDER = {value: index for index, value in enumerate(Sector.values)}


@dataclass(frozen=True, order=True)
class LinkEvent:
    """Evidence that two organisations worked together on a day; ``org_a < org_b`` (pks)."""

    org_a: int
    org_b: int
    on: datetime.date
    kind: str


class ActionOrganisations(NamedTuple):
    entry: int
    on: datetime.date
    cohort: int
    involved: set[int]  # organisation pks


def organisations_per_action(actions, *, cohort=None):
    """``ActionOrganisations`` for each action naming an organisation.

    Involved are the author's organisation (their membership in the inquiry's cohort)
    and each organisation named on the action. Two queries: the named organisations in
    entry order, and the memberships of the cohorts they come from; an action naming
    none has no link to make, so it is not read at all. (A subquery for each row's
    author took most of the cohort page's time with a few thousand actions.)

    ``cohort``: the cohort every action is of (a page's map). Its memberships are read,
    and its rows at once: finding the cohort again from the actions took 7 ms of a
    60-member cohort's page at programme scale, and PostgreSQL plans a cursor for its
    first rows only (a map took 150 ms through one, 3 ms without). Without it, for
    every action of the site (open data), the authors' cohorts are found from the
    actions and the rows are read in chunks.
    """
    named = Entry.organisations.through.objects.filter(entry__in=actions)
    rows = named.order_by("entry_id", "organisation_id").values_list(
        "entry_id",
        "entry__occurred_on",
        "organisation_id",
        "entry__cycle__inquiry__owner_id",
        "entry__cycle__inquiry__cohort_id",
    )
    organisation_of = {
        (user, of_cohort): organisation
        for user, of_cohort, organisation in Membership.objects.filter(
            cohort__in=[cohort] if cohort else named.values("entry__cycle__inquiry__cohort"),
            organisation__isnull=False,
        ).values_list("user_id", "cohort_id", "organisation_id")
    }
    action = None
    for entry_id, on, organisation_id, owner, of_cohort in (
        rows if cohort else rows.iterator(chunk_size=2000)
    ):
        if action is None or entry_id != action.entry:
            if action is not None:
                yield action
            action = ActionOrganisations(entry_id, on, of_cohort, set())
        action.involved.add(organisation_id)
        if (author_organisation := organisation_of.get((owner, of_cohort))) is not None:
            action.involved.add(author_organisation)
    if action is not None:
        yield action


def pairs(organisations):
    """Each pair of distinct organisations, smaller pk first, in a stable order."""
    return combinations(sorted(organisations), 2)


def cohort_actions(viewer, cohort: Cohort):
    """The cohort's action logs this viewer may read."""
    return Entry.objects.visible_to(viewer).filter(
        kind=EntryKind.ACTION, cycle__inquiry__cohort=cohort
    )


def action_link_events(viewer, cohort: Cohort) -> list[LinkEvent]:
    """One event per logged action for each pair of organisations it involved."""
    return [
        LinkEvent(a, b, action.on, ACTION)
        for action in organisations_per_action(cohort_actions(viewer, cohort), cohort=cohort)
        for a, b in pairs(action.involved)
    ]


def offer_link_events(viewer, cohort: Cohort) -> list[LinkEvent]:
    """One event per offer of help taken up, between the asker's organisation and the
    offerer's (as they were when they asked and offered), on the day it was taken up.
    Only on asks the viewer may see: the cohort's members (``Ask.objects.visible_to``)."""
    offers = (
        Offer.objects.filter(ask__in=Ask.objects.visible_to(viewer).filter(cohort=cohort))
        .filter(taken_up_at__isnull=False)
        .exclude(organisation=None)
        .exclude(ask__organisation=None)
        .exclude(organisation=F("ask__organisation"))
        .values_list("ask__organisation", "organisation", "taken_up_at")
    )
    return [
        LinkEvent(*sorted((asker, offerer)), timezone.localdate(taken_up_at), OFFER)
        for asker, offerer, taken_up_at in offers
    ]


def link_events(viewer, cohort: Cohort) -> list[LinkEvent]:
    """Every piece of evidence of a link the viewer may see, of every kind, oldest first."""
    return sorted(action_link_events(viewer, cohort) + offer_link_events(viewer, cohort))


def month_of(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def next_month(month: datetime.date) -> datetime.date:
    return (month + datetime.timedelta(days=32)).replace(day=1)


@dataclass
class Link:
    """Two organisations, in map order, and the events between them up to the end of a period."""

    a: Organisation
    b: Organisation
    count: int = 0
    offers: int = 0  # of the count, offers of help taken up; the rest are logged actions
    in_month: int = 0
    first_on: datetime.date | None = None
    is_new: bool = False  # first made in the month called out


def sort_key(organisation: Organisation):
    """The order of organisations everywhere on the map: by sector, then name."""
    return (SECTOR_ORDER.get(organisation.sector, len(SECTOR_ORDER)), organisation.name.casefold())


@dataclass
class RelationshipMap:
    """The cohort's organisations and the links between them, up to the end of ``month``.

    ``month`` is the month called out ("this month"): its actions are counted apart
    and the links first made in it are new.
    """

    organisations: list[Organisation]
    links: list[Link]
    month: datetime.date

    @property
    def new_links(self) -> list[Link]:
        return [link for link in self.links if link.is_new]

    @property
    def strongest(self) -> list[Link]:
        return self.links[:STRONGEST]

    @property
    def sectors(self) -> list[tuple[str, str]]:
        """The sectors present, in map order, as (value, label): for the legend."""
        present = {organisation.sector for organisation in self.organisations}
        return [(value, label) for value, label in Sector.choices if value in present]


STRONGEST = 5


def build_map(events, organisations, *, month: datetime.date, cumulative_to_month: bool):
    """Links from events, up to the end of ``month`` if ``cumulative_to_month``.

    ``organisations`` are the nodes (pk → Organisation); links are strongest first,
    then in map order, so ties always read the same.
    """
    end = next_month(month)
    by_pair: dict[tuple[int, int], Link] = {}
    for event in events:
        if cumulative_to_month and event.on >= end:
            continue
        link = by_pair.get((event.org_a, event.org_b))
        if link is None:
            a, b = sorted((organisations[event.org_a], organisations[event.org_b]), key=sort_key)
            link = Link(a, b, first_on=event.on)
            by_pair[(event.org_a, event.org_b)] = link
        link.count += 1
        link.offers += event.kind == OFFER
        if month_of(event.on) == month:
            link.in_month += 1
    for link in by_pair.values():
        link.is_new = month_of(link.first_on) == month
    nodes = sorted(organisations.values(), key=sort_key)
    position = {organisation.pk: index for index, organisation in enumerate(nodes)}
    links = sorted(
        by_pair.values(),
        key=lambda link: (-link.count, position[link.a.pk], position[link.b.pk]),
    )
    return RelationshipMap(organisations=nodes, links=links, month=month)


def cohort_months(cohort: Cohort, today: datetime.date) -> list[datetime.date]:
    """The months the cohort has run so far, first to latest (at least its first)."""
    last = month_of(min(cohort.ends_on, max(today, cohort.starts_on)))
    months, month = [], month_of(cohort.starts_on)
    while month <= last:
        months.append(month)
        month = next_month(month)
    return months


def relationship_map(viewer, cohort: Cohort, *, month=None, today: datetime.date):
    """The map as this viewer may see it: all time (``month`` None) or up to a month.

    For all time, the latest month of the cohort is the one called out.
    """
    events = link_events(viewer, cohort)
    involved = {pk for event in events for pk in (event.org_a, event.org_b)}
    members = cohort_organisations(cohort=cohort).values("pk")
    nodes = Organisation.objects.filter(Q(pk__in=involved) | Q(pk__in=members))
    organisations = {organisation.pk: organisation for organisation in nodes}
    return build_map(
        events,
        organisations,
        month=month or cohort_months(cohort, today)[-1],
        cumulative_to_month=month is not None,
    )
