"""Demo issues, organisations, cohorts, members and interest. Idempotent: found rows are kept."""

import datetime

from django.db import transaction

from accounts.demo import ensure_person
from accounts.models import User

from .models import (
    Cohort,
    CohortEvent,
    CohortEventKind,
    CohortStatus,
    ExpressionOfInterest,
    Issue,
    Membership,
    Organisation,
    Role,
    Sector,
)

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
        "Rhyl",
        (2026, 10, 1),
        (2027, 6, 30),
        CohortStatus.FORMING,
    ),
]

# email, cohort, role, organisation, role in organisation
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
]

EXTRA_PEOPLE = {
    "gwen@example.com": "Gwen Housing",
    "dylan@example.com": "Dylan Outreach",
    "megan@example.com": "Megan Connector",
    "rhys@example.com": "Rhys Firefighter",
    "sian@example.com": "Siân Social Worker",
    "tomos@example.com": "Tomos PCSO",
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
    cohorts = {}
    for slug, name, issue, place, starts, ends, status in COHORTS:
        cohorts[slug], created = Cohort.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "issue": issues[issue],
                "place": place,
                "starts_on": datetime.date(*starts),
                "ends_on": datetime.date(*ends),
                "capacity": 16,
                "status": status,
            },
        )
        if created:
            CohortEvent.objects.create(
                cohort=cohorts[slug],
                actor=people["facilitator@example.com"],
                kind=CohortEventKind.CREATED,
                subject=name,
            )
    joined = 0
    for email, cohort, role, organisation, role_there in MEMBERS:
        _membership, created = Membership.objects.get_or_create(
            user=people[email],
            cohort=cohorts[cohort],
            defaults={
                "role": role,
                "organisation": organisations[organisation],
                "role_in_organisation": role_there,
            },
        )
        if created:
            joined += 1
            CohortEvent.objects.create(
                cohort=cohorts[cohort],
                actor=people[email],
                kind=CohortEventKind.JOINED,
                subject=f"as {role.label.lower()}",
            )
    for email, issue, organisation, role_there, wants in INTERESTS:
        ExpressionOfInterest.objects.get_or_create(
            user=people[email],
            issue=issues[issue],
            defaults={
                "organisation": organisations[organisation],
                "role_in_organisation": role_there,
                "wants_to_work_on": wants,
            },
        )
    return f"Demo cohorts: {len(cohorts)} cohorts, {joined} memberships added."
