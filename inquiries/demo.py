"""Demo inquiries: every visibility and status, with cycles, action logs and reflections.

Built through the services, as a participant would build it, so the demo keeps
the rules it shows (and makes the notifications they make). Dates are the
demo's own: a cycle's start and close and an entry's day are given, as a person
writing them up afterwards would.

Idempotent: an inquiry already there (same owner, cohort and title) is left
exactly as it is. Runs after the cohorts demo, whose cohort and people it uses.
"""

import datetime

from django.db import transaction

from accounts.demo import demo_person
from cohorts.models import Cohort

from . import selectors, services
from .models import (
    EntryKind,
    Inquiry,
    InquiryStatus,
    Phase,
    Visibility,
)

D = datetime.date

# The cohort, its members and their organisations come from the cohorts demo,
# which seed_demo runs first.
COHORT = "wrexham-2026"
COACH = "coach@example.com"
# What action logs tag: organisations of the cohort's members.
TAGGED = ["Wrexham County Borough Council", "Betsi Cadwaladr University Health Board"]

THREE_QUESTIONS = "## What happened\n{}\n\n## So what\n{}\n\n## Now what\n{}"
# Each inquiry's first entry is saved with this text, then tidied up into its
# own, so "Earlier versions" has something to show.
FIRST_DRAFT = "First notes, before I tidied them."
QUESTION = "What did they need from **you** to start that conversation?"
ANSWER = "A name and a phone number, mostly."

INQUIRIES = [
    {
        "owner": "participant@example.com",
        "title": "Earlier conversations at the pharmacy counter",
        "question": "How might I help pharmacists start a conversation about support "
        "before someone reaches crisis?",
        "why_it_matters": "I meet people in a cell or on the pavement at 3am, when it is "
        "already late. Pharmacists see them every week.",
        "visibility": Visibility.COACHES,
        "status": InquiryStatus.ACTIVE,
        "cycles": [
            {
                "intention": "Ask three pharmacists what stops them starting the conversation.",
                "started_on": D(2026, 9, 7),
                "closed_on": D(2026, 9, 25),
                "learned": "They want a named person to hand over to, not a leaflet.",
                "next_step": "Offer one named contact for two pharmacies for a fortnight.",
                "entries": [
                    (
                        EntryKind.ACTION,
                        D(2026, 9, 9),
                        "Two pharmacists on Hope Street",
                        "Asked what stops them. Both said: **time**, and not knowing who picks up.",
                    ),
                    (
                        EntryKind.REFLECTION,
                        D(2026, 9, 24),
                        "",
                        THREE_QUESTIONS.format(
                            "Nobody mentioned training.",
                            "The gap is the hand-over, not the skill.",
                            "Try a named contact.",
                        ),
                    ),
                ],
            },
            {
                "intention": "Offer one named contact for two pharmacies for a fortnight.",
                "phase": Phase.ACT,
                "started_on": D(2026, 9, 28),
                "entries": [
                    (
                        EntryKind.ACTION,
                        D(2026, 10, 1),
                        "Community safety team",
                        "Agreed a named contact with the council team. See [the referral guide](https://example.org/referrals).",
                    ),
                ],
            },
        ],
    },
    {
        "owner": "participant@example.com",
        "title": "Hand-offs between night and day teams",
        "question": "How might I make sure what the night team learns reaches the day team?",
        "why_it_matters": "",
        "visibility": Visibility.PRIVATE,
        "status": InquiryStatus.PAUSED,
        "cycles": [
            {
                "intention": "Sit in on one morning hand-over and note what is lost.",
                "phase": Phase.PLAN,
                "started_on": D(2026, 10, 5),
                "entries": [],
            },
        ],
    },
    {
        "owner": "participant@example.com",
        "title": "What the outreach van hears",
        "question": "How might I bring what outreach workers hear into our planning meetings?",
        "why_it_matters": "Planning meets without anyone who was on the street last night.",
        "visibility": Visibility.COHORT,
        "status": InquiryStatus.FINISHED,
        "cycles": [
            {
                "intention": "Invite an outreach worker to one planning meeting.",
                "started_on": D(2026, 9, 1),
                "closed_on": D(2026, 9, 20),
                "learned": "Ten minutes from the van changed two decisions.",
                "next_step": "",
                "entries": [
                    (
                        EntryKind.ACTION,
                        D(2026, 9, 10),
                        "Outreach team",
                        "Ten minutes at the start of the planning meeting.",
                    ),
                    (
                        EntryKind.REFLECTION,
                        D(2026, 9, 18),
                        "",
                        THREE_QUESTIONS.format(
                            "Two decisions changed.",
                            "Proximity matters.",
                            "Make it a standing item.",
                        ),
                    ),
                ],
            },
        ],
    },
    {
        "owner": "participant2@example.com",
        "title": "Housing first conversations",
        "question": "How might I make the first housing conversation happen in the same week "
        "as the first health one?",
        "why_it_matters": "People tell their story three times before anyone offers a room.",
        "visibility": Visibility.COHORT,
        "status": InquiryStatus.ACTIVE,
        "cycles": [
            {
                "intention": "Join the Tuesday drop-in at the health centre.",
                "phase": Phase.OBSERVE,
                "started_on": D(2026, 9, 15),
                "entries": [
                    (
                        EntryKind.ACTION,
                        D(2026, 9, 22),
                        "Drop-in nurses",
                        "Sat in on the drop-in. Four people asked about housing first.",
                    ),
                ],
            },
        ],
    },
    {
        "owner": "participant2@example.com",
        "title": "My own notes on caseloads",
        "question": "How might I keep my caseload small enough to listen?",
        "why_it_matters": "",
        "visibility": Visibility.PRIVATE,
        "status": InquiryStatus.ACTIVE,
        "cycles": [],
    },
]


def seed() -> str:
    created, kept = seed_inquiries()
    return f"Demo inquiries: {created} created, {kept} already there."


@transaction.atomic
def seed_inquiries() -> tuple[int, int]:
    cohort = Cohort.objects.get(slug=COHORT)
    coach = demo_person(COACH)
    organisations = {
        organisation.name: organisation
        for organisation in selectors.cohort_organisations(cohort=cohort)
    }
    tagged = [organisations[name] for name in TAGGED]

    created = kept = 0
    for spec in INQUIRIES:
        owner = demo_person(spec["owner"])
        if Inquiry.objects.filter(owner=owner, cohort=cohort, title=spec["title"]).exists():
            kept += 1
            continue
        _create_inquiry(owner=owner, cohort=cohort, spec=spec, tagged=tagged, coach=coach)
        created += 1
    return created, kept


def _create_inquiry(*, owner, cohort, spec, tagged, coach):
    inquiry = services.inquiry_create(
        owner=owner,
        cohort=cohort,
        title=spec["title"],
        question=spec["question"],
        why_it_matters=spec["why_it_matters"],
        visibility=spec["visibility"],
    )
    first_entry = None
    for cycle_spec in spec["cycles"]:
        cycle = services.cycle_start(
            inquiry=inquiry,
            user=owner,
            intention=cycle_spec["intention"],
            started_on=cycle_spec["started_on"],
        )
        for kind, occurred_on, with_whom, body in cycle_spec["entries"]:
            is_first = first_entry is None
            entry = services.entry_create(
                cycle=cycle,
                user=owner,
                kind=kind,
                body=FIRST_DRAFT if is_first else body,
                occurred_on=occurred_on,
                with_whom=with_whom,
                organisations=tagged if kind == EntryKind.ACTION else (),
            )
            if is_first:
                first_entry = services.entry_update(
                    entry=entry, user=owner, body=body, expected_version=entry.version
                )
        if "closed_on" in cycle_spec:
            services.cycle_close(
                cycle=cycle,
                user=owner,
                learned=cycle_spec["learned"],
                next_step=cycle_spec["next_step"],
                closed_on=cycle_spec["closed_on"],
            )
        elif cycle_spec["phase"] != cycle.phase:
            services.cycle_set_phase(cycle=cycle, user=owner, phase=cycle_spec["phase"])
    # Where coaches can see, a coach's question on the first entry and the owner's answer.
    if first_entry is not None and inquiry.visibility != Visibility.PRIVATE:
        question = services.comment_create(
            inquiry=inquiry, author=coach, body=QUESTION, entry=first_entry
        )
        services.comment_create(inquiry=inquiry, author=owner, body=ANSWER, parent=question)
    if spec["status"] != inquiry.status:
        services.inquiry_update(
            inquiry=inquiry,
            user=owner,
            title=inquiry.title,
            question=inquiry.question,
            why_it_matters=inquiry.why_it_matters,
            status=spec["status"],
        )
