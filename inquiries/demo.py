"""Demo inquiries: every visibility and status, with cycles, action logs and reflections.

Idempotent: an inquiry already there (same owner, cohort and title) is left
exactly as it is. Runs after the cohorts demo, whose cohort and people it uses.
"""

import datetime

from django.db import transaction

from accounts.demo import demo_person
from cohorts.models import Cohort, Organisation
from kernel.text import render_markdown

from .models import Comment, Cycle, Entry, EntryRevision, Inquiry, Notification, NotificationKind

D = datetime.date

# The cohort, its members and their organisations come from the cohorts demo,
# which seed_demo runs first.
COHORT = "wrexham-2026"

REFLECTION = "## What happened\n{}\n\n## So what\n{}\n\n## Now what\n{}"

INQUIRIES = [
    {
        "owner": "participant@example.com",
        "title": "Earlier conversations at the pharmacy counter",
        "question": "How might I help pharmacists start a conversation about support "
        "before someone reaches crisis?",
        "why_it_matters": "I meet people at A&E, when it is already late. Pharmacists "
        "see them every week.",
        "visibility": "coaches",
        "status": "active",
        "cycles": [
            {
                "intention": "Ask three pharmacists what stops them starting the conversation.",
                "phase": "reflect",
                "started_on": D(2026, 9, 7),
                "closed_on": D(2026, 9, 25),
                "learned": "They want a named person to hand over to, not a leaflet.",
                "next_step": "Offer one named contact for two pharmacies for a fortnight.",
                "entries": [
                    (
                        "action",
                        D(2026, 9, 9),
                        "Two pharmacists on Hope Street",
                        "Asked what stops them. Both said: **time**, and not knowing who picks up.",
                    ),
                    (
                        "reflection",
                        D(2026, 9, 24),
                        "",
                        REFLECTION.format(
                            "Nobody mentioned training.",
                            "The gap is the hand-over, not the skill.",
                            "Try a named contact.",
                        ),
                    ),
                ],
            },
            {
                "intention": "Offer one named contact for two pharmacies for a fortnight.",
                "phase": "act",
                "started_on": D(2026, 9, 28),
                "entries": [
                    (
                        "action",
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
        "visibility": "private",
        "status": "paused",
        "cycles": [
            {
                "intention": "Sit in on one morning hand-over and note what is lost.",
                "phase": "plan",
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
        "visibility": "cohort",
        "status": "finished",
        "cycles": [
            {
                "intention": "Invite an outreach worker to one planning meeting.",
                "phase": "reflect",
                "started_on": D(2026, 9, 1),
                "closed_on": D(2026, 9, 20),
                "learned": "Ten minutes from the van changed two decisions.",
                "next_step": "",
                "entries": [
                    (
                        "action",
                        D(2026, 9, 10),
                        "Outreach team",
                        "Ten minutes at the start of the planning meeting.",
                    ),
                    (
                        "reflection",
                        D(2026, 9, 18),
                        "",
                        REFLECTION.format(
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
        "visibility": "cohort",
        "status": "active",
        "cycles": [
            {
                "intention": "Join the Tuesday drop-in at the health centre.",
                "phase": "observe",
                "started_on": D(2026, 9, 15),
                "entries": [
                    (
                        "action",
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
        "visibility": "private",
        "status": "active",
        "cycles": [],
    },
]


def seed() -> str:
    created, kept = seed_inquiries()
    return f"Demo inquiries: {created} created, {kept} already there."


@transaction.atomic
def seed_inquiries() -> tuple[int, int]:
    cohort = Cohort.objects.get(slug=COHORT)
    organisations = {
        organisation.name: organisation
        for organisation in Organisation.objects.filter(memberships__cohort=cohort).distinct()
    }

    created = kept = 0
    for spec in INQUIRIES:
        owner = demo_person(spec["owner"])
        if Inquiry.objects.filter(owner=owner, cohort=cohort, title=spec["title"]).exists():
            kept += 1
            continue
        _create_inquiry(owner=owner, cohort=cohort, spec=spec, organisations=organisations)
        created += 1
    return created, kept


def _create_inquiry(*, owner, cohort, spec, organisations):
    inquiry = Inquiry.objects.create(
        owner=owner,
        cohort=cohort,
        title=spec["title"],
        question=spec["question"],
        why_it_matters=spec["why_it_matters"],
        visibility=spec["visibility"],
        status=spec["status"],
    )
    for number, cycle_spec in enumerate(spec["cycles"], start=1):
        cycle = Cycle.objects.create(
            inquiry=inquiry,
            number=number,
            intention=cycle_spec["intention"],
            phase=cycle_spec["phase"],
            started_on=cycle_spec["started_on"],
            closed_on=cycle_spec.get("closed_on"),
            learned=cycle_spec.get("learned", ""),
            next_step=cycle_spec.get("next_step", ""),
        )
        for kind, occurred_on, with_whom, body in cycle_spec["entries"]:
            entry = Entry.objects.create(
                cycle=cycle,
                kind=kind,
                occurred_on=occurred_on,
                with_whom=with_whom,
                body=body,
                body_html=render_markdown(body),
            )
            if kind == "action":
                entry.organisations.set(
                    [
                        organisations["Wrexham County Borough Council"],
                        organisations["Betsi Cadwaladr University Health Board"],
                    ]
                )
    # One entry edited once, so the revision history has something to show.
    first = Entry.objects.filter(cycle__inquiry=inquiry).order_by("pk").first()
    if first is not None:
        earlier = "First notes, before I tidied them."
        EntryRevision.objects.create(
            entry=first,
            version=1,
            body=earlier,
            body_html=render_markdown(earlier),
            saved_at=first.created_at,
        )
        Entry.objects.filter(pk=first.pk).update(version=2)
    # A coach's comment and the owner's reply, where coaches can see, with the
    # notifications they would have made.
    coach = demo_person("coach@example.com")
    if first is not None and inquiry.visibility != "private":
        question = Comment.objects.create(
            inquiry=inquiry,
            entry=first,
            author=coach,
            body="What did they need from **you** to start that conversation?",
            body_html=render_markdown(
                "What did they need from **you** to start that conversation?"
            ),
        )
        reply = Comment.objects.create(
            inquiry=inquiry,
            entry=first,
            parent=question,
            author=owner,
            body="A name and a phone number, mostly.",
            body_html=render_markdown("A name and a phone number, mostly."),
        )
        Notification.objects.create(
            recipient=owner,
            actor=coach,
            kind=NotificationKind.COMMENT,
            inquiry=inquiry,
            entry=first,
            comment=question,
        )
        Notification.objects.create(
            recipient=coach,
            actor=owner,
            kind=NotificationKind.REPLY,
            inquiry=inquiry,
            entry=first,
            comment=reply,
        )
