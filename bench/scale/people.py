"""Issues, organisations, people and their cohorts.

Cohorts are made by the project's services (a facilitator's membership, the cohort's
history, its status only going forward); the thousands of other memberships are bulk
inserted, one per person and cohort by construction (the database's constraint holds
it too), each with an organisation and an event saying they joined.
"""

import datetime
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.utils.text import slugify

from accounts.models import User
from cohorts.models import (
    CohortEvent,
    CohortEventKind,
    CohortStatus,
    ExpressionOfInterest,
    Issue,
    Membership,
    Organisation,
    Role,
)
from cohorts.services import cohort_create, cohort_set_status

from .sizes import LARGEST_COHORT
from .text import ISSUES, JOBS, PLACES, QUESTIONS, TextMaker, agency_names

EMAIL_DOMAIN = "scale.example.com"  # every person made here, and nobody else
PASSWORD = "cylch-scale-2026"  # noqa: S105 - bench people only, to sign in by hand
TODAY = datetime.date(2026, 11, 27)  # a fixed "now": the same seed writes the same dates
FIRST_START = datetime.date(2024, 3, 4)  # Mondays: cohorts start between these
LAST_START = datetime.date(2026, 4, 6)


@dataclass
class CohortPlan:
    cohort: object
    facilitator: User
    coaches: list = field(default_factory=list)
    participants: list = field(default_factory=list)
    organisation_ids: list = field(default_factory=list)  # of its members, for action logs

    @property
    def members(self) -> list:
        return [self.facilitator, *self.coaches, *self.participants]


def build_organisations() -> list[Organisation]:
    have = {name.lower() for name in Organisation.objects.values_list("name", flat=True)}
    Organisation.objects.bulk_create(
        Organisation(name=name, sector=sector, verified=True)
        for name, sector in agency_names()
        if name.lower() not in have
    )
    names = [name for name, _sector in agency_names()]
    by_name = {o.name: o for o in Organisation.objects.filter(name__in=names)}
    return [by_name[name] for name in names]


def build_issues() -> list[Issue]:
    issues = []
    for title, summary in ISSUES:
        issue, _created = Issue.objects.get_or_create(
            slug=f"scale-{slugify(title)}", defaults={"title": title, "summary": summary}
        )
        issues.append(issue)
    return issues


def build_people(text: TextMaker, count: int) -> list[User]:
    """People with display names from the vocabulary and one shared password hash (hashing
    3,000 passwords would take minutes), their addresses verified as allauth keeps them."""
    password = make_password(PASSWORD)
    users = User.objects.bulk_create(
        User(
            email=f"person{n}@{EMAIL_DOMAIN}",
            display_name=text.person_name(),
            password=password,
        )
        for n in range(count)
    )
    users = list(User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}").order_by("pk"))
    EmailAddress.objects.bulk_create(
        EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users
    )
    return users


def split_people(rng, people: list, cohorts: int) -> list[list]:
    """People into cohorts: the first as large as a cohort gets, the rest shared evenly."""
    people = people[:]
    rng.shuffle(people)
    first = min(LARGEST_COHORT, len(people) // 2)
    groups = [people[:first]]
    rest = people[first:]
    for n in range(cohorts - 1):
        groups.append(rest[n * len(rest) // (cohorts - 1) : (n + 1) * len(rest) // (cohorts - 1)])
    return groups


def build_cohorts(rng, text, people, issues, organisations, count, progress) -> list[CohortPlan]:
    plans = []
    organisation_of = {p.pk: rng.choice(organisations) for p in people}
    for n, group in enumerate(split_people(rng, people, count)):
        place = PLACES[n % len(PLACES)]
        starts_on = FIRST_START + datetime.timedelta(
            weeks=rng.randint(0, (LAST_START - FIRST_START).days // 7)
        )
        ends_on = starts_on + datetime.timedelta(weeks=52, days=-1)
        facilitator, *others = group
        coaches = max(1, len(group) // 12)
        cohort = cohort_create(
            creator=facilitator,
            issue=issues[n % len(issues)],
            name=f"{place} {starts_on.year}"
            + (f" ({n // len(PLACES) + 1})" if n >= len(PLACES) else ""),
            place=place,
            starts_on=starts_on,
            ends_on=ends_on,
            capacity=len(group) + 5,
            organisation=organisation_of[facilitator.pk],
            role_in_organisation="Service manager",
        )
        cohort_set_status(cohort=cohort, status=CohortStatus.ACTIVE, actor=facilitator)
        if ends_on < TODAY:
            cohort_set_status(cohort=cohort, status=CohortStatus.CLOSED, actor=facilitator)
        plans.append(CohortPlan(cohort, facilitator, others[:coaches], others[coaches:]))
    # A coach of each cohort also coaches the next: some people belong to two cohorts.
    for plan, before in zip(plans[1:], plans, strict=False):
        plan.coaches.append(before.coaches[0])
    memberships, events = [], []
    for plan in plans:
        plan.organisation_ids = sorted({organisation_of[p.pk].pk for p in plan.members})
        for role, group in ((Role.COACH, plan.coaches), (Role.PARTICIPANT, plan.participants)):
            for person in group:
                memberships.append(
                    Membership(
                        user=person,
                        cohort=plan.cohort,
                        role=role,
                        organisation=organisation_of[person.pk],
                        role_in_organisation=rng.choice(JOBS),
                    )
                )
                events.append(
                    CohortEvent(
                        cohort=plan.cohort,
                        actor=person,
                        kind=CohortEventKind.JOINED,
                        subject=f"as {role.label.lower()}",
                    )
                )
    Membership.objects.bulk_create(memberships, batch_size=2000)
    CohortEvent.objects.bulk_create(events, batch_size=2000)
    ExpressionOfInterest.objects.bulk_create(
        (
            ExpressionOfInterest(
                user=person,
                issue=plan.cohort.issue,
                organisation=organisation_of[person.pk],
                role_in_organisation=rng.choice(JOBS),
                wants_to_work_on=text.sentences(QUESTIONS, count=2),
            )
            for plan in plans
            for person in plan.participants
        ),
        batch_size=2000,
    )
    progress.report("memberships", len(memberships) + len(plans))
    return plans
