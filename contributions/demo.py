"""Demo actions between the Wrexham cohort's organisations, so the relationship map has a web.

Two participants share an inquiry with their cohort and log actions, over the
autumn, that name the organisations they worked with. Built through the
inquiries services, as a participant would. Idempotent: an inquiry already
there (same owner, cohort and title) is left as it is. Runs after the cohorts
and inquiries demos, whose cohort and people it uses.
"""

import datetime

from django.db import transaction

from accounts.demo import demo_person
from cohorts.models import Cohort
from inquiries import selectors, services
from inquiries.models import EntryKind, Inquiry, Visibility

D = datetime.date
COHORT = "wrexham-2026"
POLICE = "North Wales Police"
HEALTH = "Betsi Cadwaladr University Health Board"
COUNCIL = "Wrexham County Borough Council"
HOUSING = "Clwyd Alyn Housing"
CHARITY = "Kaleidoscope Project"
COLLEGE = "Coleg Cambria"

# owner, title, question, (intention, start), then actions: (day, organisations, text)
INQUIRIES = [
    (
        "gwen@example.com",
        "A tenancy that survives a relapse",
        "How might we keep a tenancy open while someone is in treatment?",
        ("Agree one plan with the nurse and the outreach team.", D(2026, 9, 8)),
        [
            (D(2026, 9, 10), [HEALTH], "Case meeting with the substance misuse nurse."),
            (D(2026, 9, 24), [HEALTH, CHARITY], "Three-way visit with outreach and the nurse."),
            (D(2026, 10, 6), [CHARITY], "Outreach kept the key safe while the tenant was away."),
            (D(2026, 10, 20), [HEALTH, CHARITY], "Review of the shared plan."),
            (D(2026, 11, 3), [COUNCIL], "Asked the council's homelessness team to pause notice."),
            (D(2026, 11, 17), [POLICE, CHARITY], "Neighbourhood officers joined a welfare visit."),
        ],
    ),
    (
        "dylan@example.com",
        "Outreach that knows who else is calling",
        "How might outreach workers know which other services already visit someone?",
        ("Keep one shared list of who visits whom, for a month.", D(2026, 9, 14)),
        [
            (D(2026, 9, 16), [POLICE], "Walked the town centre with the neighbourhood team."),
            (D(2026, 10, 1), [POLICE, HEALTH], "Handed over to the nurse after a night call-out."),
            (D(2026, 10, 15), [HOUSING], "Joint visit with the tenancy officer."),
            (D(2026, 10, 29), [POLICE], "Debrief with the sergeant about the shared list."),
            (D(2026, 11, 12), [COLLEGE, COUNCIL], "Coleg Cambria's course for people in recovery."),
            (D(2026, 11, 19), [HOUSING, HEALTH], "A case conference about one tenant."),
        ],
    ),
]


def seed() -> str:
    created, kept = seed_actions()
    return f"Demo actions between organisations: {created} inquiries created, {kept} already there."


@transaction.atomic
def seed_actions() -> tuple[int, int]:
    cohort = Cohort.objects.get(slug=COHORT)
    organisations = {o.name: o for o in selectors.cohort_organisations(cohort=cohort)}
    created = kept = 0
    for email, title, question, (intention, started_on), actions in INQUIRIES:
        owner = demo_person(email)
        if Inquiry.objects.filter(owner=owner, cohort=cohort, title=title).exists():
            kept += 1
            continue
        inquiry = services.inquiry_create(
            owner=owner,
            cohort=cohort,
            title=title,
            question=question,
            why_it_matters="",
            visibility=Visibility.COHORT,
        )
        cycle = services.cycle_start(
            inquiry=inquiry, user=owner, intention=intention, started_on=started_on
        )
        for occurred_on, named, body in actions:
            services.entry_create(
                cycle=cycle,
                user=owner,
                kind=EntryKind.ACTION,
                body=body,
                occurred_on=occurred_on,
                organisations=[organisations[name] for name in named],
            )
        created += 1
    return created, kept
