"""Demo asks and offers in Wrexham 2026: one met (an offer taken up, so the map shows a
link between police and housing), one with an offer waiting, one nobody has answered yet.

Built through the services, as members would. Idempotent: an ask already there (same
author, cohort and title) is left as it is. Runs after the inquiries demo.
"""

from django.db import transaction

from accounts.demo import demo_person
from cohorts.models import Cohort, Organisation
from inquiries.models import Inquiry

from . import asks
from .models import Ask

COHORT = "wrexham-2026"

ASKS = [
    {
        "author": "participant@example.com",
        "title": "Someone in housing who can get a tenant a same-week appointment",
        "details": "A tenant I met on a night shift is about to lose their flat. "
        "Their next appointment is in three weeks.",
        "sectors": ["housing"],
        "organisations": ["Clwyd Alyn Housing"],
        # Shared with coaches only: the coach and the asker see the link, others do not.
        "inquiry": "Earlier conversations at the pharmacy counter",
        "offer": {
            "offerer": "gwen@example.com",
            "body": "Our tenancy sustainment team keeps two slots a week for urgent cases. "
            "Send me a first name and I will book one.",
            "replies": [
                ("participant@example.com", "Thank you, Gwen. I will ring you in the morning."),
                ("gwen@example.com", "Booked for Thursday at ten."),
            ],
            "taken_up": True,
        },
        "closing_note": "Gwen found a slot on Thursday.",
    },
    {
        "author": "participant2@example.com",
        "title": "A youth worker who could join our Tuesday clinic evening",
        "details": "Young people come with friends who never sign up themselves.",
        "sectors": ["charity", "education"],
        "organisations": [],
        "inquiry": "Housing first conversations",
        "offer": {
            "offerer": "dylan@example.com",
            "body": "Our outreach team is out on Tuesdays anyway. Could we try one evening?",
            "replies": [],
            "taken_up": False,
        },
    },
    {
        "author": "gwen@example.com",
        "title": "Someone at the council who knows the empty-homes list",
        "details": "",
        "sectors": ["council"],
        "organisations": ["Wrexham County Borough Council"],
    },
]


def seed() -> str:
    created, kept = seed_asks()
    return f"Demo asks: {created} created, {kept} already there."


@transaction.atomic
def seed_asks() -> tuple[int, int]:
    cohort = Cohort.objects.get(slug=COHORT)
    created = kept = 0
    for spec in ASKS:
        author = demo_person(spec["author"])
        if Ask.objects.filter(author=author, cohort=cohort, title=spec["title"]).exists():
            kept += 1
            continue
        _create(cohort, author, spec)
        created += 1
    return created, kept


def _create(cohort, author, spec) -> None:
    ask = asks.ask_create(
        author=author,
        cohort=cohort,
        title=spec["title"],
        details=spec["details"],
        sectors=spec["sectors"],
        organisations=list(Organisation.objects.filter(name__in=spec["organisations"])),
        inquiry=Inquiry.objects.filter(
            owner=author, cohort=cohort, title=spec.get("inquiry", "")
        ).first(),
    )
    if offer_spec := spec.get("offer"):
        offer = asks.offer_create(
            ask=ask, offerer=demo_person(offer_spec["offerer"]), body=offer_spec["body"]
        )
        for email, body in offer_spec["replies"]:
            asks.offer_reply(offer=offer, author=demo_person(email), body=body)
        if offer_spec["taken_up"]:
            asks.offer_take_up(offer=offer, user=author)
    if note := spec.get("closing_note"):
        asks.ask_close(ask=ask, user=author, note=note)
