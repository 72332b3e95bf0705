"""Demo issues, organisations, cohorts, members and interest. Idempotent: found rows are kept.

Cohorts, members and interest are made through the cohorts services, as people
make them on the site, so the demo obeys the rules it shows: each cohort is
created by its facilitator, each member invited and joining, each start of a
cohort in its history.
"""

import datetime

from django.db import transaction

from accounts.demo import demo_person, ensure_person
from accounts.models import User

from . import services
from .models import (
    Cohort,
    CohortStatus,
    ExpressionOfInterest,
    Issue,
    Membership,
    Organisation,
    Role,
    Sector,
)
from .selectors import is_member

ISSUES = [
    (
        "drugs-in-wrexham",
        "Drugs in Wrexham",
        "Drug use and drug-related harm in Wrexham town centre touch policing, health, "
        "housing, the council and many charities at once. No one agency can change it alone.",
    ),
    (
        "ageing-well",
        "Ageing well",
        "How people in North Wales can live well as they grow older: loneliness, falls, "
        "care at home, and the services that meet, or miss, each other around an older person.",
    ),
    (
        "place-based-working",
        "Place-based working",
        "What changes when services organise around a place and its people rather than around "
        "their own structures.",
    ),
]

ORGANISATIONS = [
    ("North Wales Police", Sector.POLICE),
    ("Betsi Cadwaladr University Health Board", Sector.HEALTH),
    ("Wrexham County Borough Council", Sector.COUNCIL),
    ("Denbighshire County Council", Sector.COUNCIL),
    ("North Wales Fire and Rescue Service", Sector.FIRE),
    ("Clwyd Alyn Housing", Sector.HOUSING),
    ("Kaleidoscope Project", Sector.CHARITY),
    ("Age Connects North Wales", Sector.CHARITY),
    ("Coleg Cambria", Sector.EDUCATION),
]

COHORTS = [
    # slug, name, issue, place, starts, ends, status
    (
        "wrexham-2026",
        "Wrexham 2026",
        "drugs-in-wrexham",
        "Wrexham",
        (2026, 9, 1),
        (2027, 3, 31),
        CohortStatus.ACTIVE,
    ),
    (
        "rhyl-2026",
        "Rhyl 2026",
        "ageing-well",
        "Rhyl and Prestatyn",
        (2026, 10, 5),
        (2027, 6, 30),
        CohortStatus.ACTIVE,
    ),
    (
        "caia-park-2027",
        "Caia Park 2027",
        "place-based-working",
        "Caia Park, Wrexham",
        (2027, 2, 1),
        (2027, 9, 30),
        CohortStatus.FORMING,
    ),
]

# email, cohort, role, organisation, role in organisation. A cohort's first
# facilitator creates it; everyone else is invited by them and joins.
MEMBERS = [
    (
        "facilitator@example.com",
        "wrexham-2026",
        Role.FACILITATOR,
        "Wrexham County Borough Council",
        "Organisational development lead",
    ),
    ("coach@example.com", "wrexham-2026", Role.COACH, "Coleg Cambria", "Leadership coach"),
    (
        "participant@example.com",
        "wrexham-2026",
        Role.PARTICIPANT,
        "North Wales Police",
        "Neighbourhood sergeant",
    ),
    (
        "participant2@example.com",
        "wrexham-2026",
        Role.PARTICIPANT,
        "Betsi Cadwaladr University Health Board",
        "Substance misuse nurse",
    ),
    ("gwen@example.com", "wrexham-2026", Role.PARTICIPANT, "Clwyd Alyn Housing", "Tenancy officer"),
    (
        "dylan@example.com",
        "wrexham-2026",
        Role.PARTICIPANT,
        "Kaleidoscope Project",
        "Outreach worker",
    ),
    (
        "facilitator@example.com",
        "rhyl-2026",
        Role.FACILITATOR,
        "Wrexham County Borough Council",
        "Organisational development lead",
    ),
    ("coach@example.com", "rhyl-2026", Role.COACH, "Coleg Cambria", "Leadership coach"),
    (
        "megan@example.com",
        "rhyl-2026",
        Role.PARTICIPANT,
        "Age Connects North Wales",
        "Community connector",
    ),
    (
        "sian@example.com",
        "rhyl-2026",
        Role.PARTICIPANT,
        "Denbighshire County Council",
        "Social worker",
    ),
    (
        "rhys@example.com",
        "rhyl-2026",
        Role.PARTICIPANT,
        "North Wales Fire and Rescue Service",
        "Safe and well officer",
    ),
    (
        "facilitator@example.com",
        "caia-park-2027",
        Role.FACILITATOR,
        "Wrexham County Borough Council",
        "Organisational development lead",
    ),
]

EXTRA_PEOPLE = {
    "gwen@example.com": "Gwen Hughes",
    "dylan@example.com": "Dylan Roberts",
    "megan@example.com": "Megan Lloyd",
    "rhys@example.com": "Rhys Jones",
    "sian@example.com": "Siân Edwards",
    "tomos@example.com": "Tomos Price",
}

# email, issue, organisation, role there, wants to work on
INTERESTS = [
    (
        "rhys@example.com",
        "ageing-well",
        "North Wales Fire and Rescue Service",
        "Safe and well officer",
        "Falls and fires start in the same homes: how we could visit once, together.",
    ),
    (
        "sian@example.com",
        "ageing-well",
        "Denbighshire County Council",
        "Social worker",
        "Getting people home from hospital without three assessments.",
    ),
    (
        "tomos@example.com",
        "ageing-well",
        "North Wales Police",
        "PCSO",
        "Scams and loneliness among older people living alone.",
    ),
    (
        "dylan@example.com",
        "place-based-working",
        "Kaleidoscope Project",
        "Outreach worker",
        "Caia Park has six services knocking on the same doors; I would like to see one.",
    ),
    (
        "gwen@example.com",
        "place-based-working",
        "Clwyd Alyn Housing",
        "Tenancy officer",
        "What a street-level team for one estate could look like.",
    ),
]


def people_by_email() -> dict[str, User]:
    """Every person the cohorts demo names, read or created once."""
    emails = {email for email, *_rest in MEMBERS} | {email for email, *_rest in INTERESTS}
    return {email: ensure_person(email, EXTRA_PEOPLE.get(email, ""))[0] for email in emails}


@transaction.atomic
def seed() -> str:
    people = people_by_email()
    # Issues and verified organisations are what staff enter in the admin directly.
    issues = {
        slug: Issue.objects.get_or_create(slug=slug, defaults={"title": title, "summary": summary})[
            0
        ]
        for slug, title, summary in ISSUES
    }
    organisations = {  # names are unique whatever their case
        name: Organisation.objects.filter(name__iexact=name).first()
        or Organisation.objects.create(name=name, sector=sector, verified=True)
        for name, sector in ORGANISATIONS
    }
    memberships_before = Membership.objects.count()
    cohorts, new_cohorts = ensure_cohorts(people, issues, organisations)
    ensure_members(people, cohorts, organisations)
    for slug, *_rest, status in COHORTS:
        if slug in new_cohorts and status != CohortStatus.FORMING:
            facilitator = people[first_facilitator(slug)[0]]
            services.cohort_set_status(cohort=cohorts[slug], status=status, actor=facilitator)
    ensure_interests(people, issues, organisations)
    joined = Membership.objects.count() - memberships_before
    return f"Demo cohorts: {len(cohorts)} cohorts, {joined} memberships added."


def first_facilitator(cohort_slug: str) -> tuple:
    """The MEMBERS row of the facilitator who creates the cohort."""
    return next(row for row in MEMBERS if row[1] == cohort_slug and row[2] == Role.FACILITATOR)


def ensure_cohorts(people, issues, organisations) -> tuple[dict[str, Cohort], set[str]]:
    """The demo cohorts by slug, each found or created by its first facilitator; and the
    slugs of those created now."""
    cohorts, created = {}, set()
    for slug, name, issue, place, starts, ends, _status in COHORTS:
        cohorts[slug] = Cohort.objects.filter(slug=slug).first()
        if cohorts[slug] is None:
            email, _slug, _role, organisation, role_there = first_facilitator(slug)
            cohorts[slug] = services.cohort_create(  # the slug comes from the name
                creator=people[email],
                issue=issues[issue],
                name=name,
                place=place,
                starts_on=datetime.date(*starts),
                ends_on=datetime.date(*ends),
                capacity=16,
                organisation=organisations[organisation],
                role_in_organisation=role_there,
            )
            created.add(slug)
    return cohorts, created


def ensure_members(people, cohorts, organisations) -> None:
    """Everyone in MEMBERS who is not yet a member is invited and joins."""
    for email, slug, role, organisation, role_there in MEMBERS:
        if is_member(user=people[email], cohort=cohorts[slug]):
            continue
        inviter = people[first_facilitator(slug)[0]]
        if inviter == people[email]:  # a cohort found without its facilitator: staff invite them
            inviter = demo_person("staff@example.com")
        _invitation, token = services.invitation_create(
            cohort=cohorts[slug],
            email=email,
            role=role,
            invited_by=inviter,
            organisation=organisations[organisation],
            role_in_organisation=role_there,
        )
        services.invitation_accept(token=token, user=people[email])


def ensure_interests(people, issues, organisations) -> None:
    """Each interest in INTERESTS that its person has not expressed yet."""
    for email, issue, organisation, role_there, wants in INTERESTS:
        said = ExpressionOfInterest.objects.filter(user=people[email], issue=issues[issue])
        if not said.exists():
            services.interest_save(
                user=people[email],
                issue=issues[issue],
                organisation=organisations[organisation],
                role_in_organisation=role_there,
                wants_to_work_on=wants,
            )
