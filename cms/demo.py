"""Demo weeknotes: a few dozen published ones across issues, cohorts, authors and tags.

Idempotent: issues and cohorts are found or made by slug (the cohorts demo uses
the same slugs, so whichever runs first makes them), and a weeknote whose slug
is already there is left alone.
"""

import datetime
import itertools

from django.db import transaction

from accounts import demo as accounts_demo
from accounts.models import User
from cohorts.models import Cohort, CohortStatus, Issue

from .models import WeeknoteAuthor, WeeknoteIndexPage, WeeknotePage

ISSUES = [
    (
        "drugs-in-wrexham",
        "Drugs in Wrexham",
        "How police, health, housing and charities in Wrexham can work together on drug harm.",
    ),
    (
        "ageing-well",
        "Ageing well",
        "Helping older people stay well, connected and independent at home for longer.",
    ),
    (
        "place-based-working",
        "Place-based working",
        "Public services organising around a place and its people rather than around services.",
    ),
]
COHORTS = [
    ("wrexham-2026", "Wrexham 2026", "drugs-in-wrexham", "Wrexham", datetime.date(2026, 9, 1)),
    ("rhyl-2026", "Rhyl 2026", "ageing-well", "Rhyl", datetime.date(2026, 10, 1)),
]
AUTHORS = [
    "participant@example.com",
    "participant2@example.com",
    "coach@example.com",
    "facilitator@example.com",
]
TAGS = [
    "data sharing",
    "trust",
    "first contact",
    "housing",
    "loneliness",
    "prevention",
    "partnerships",
    "young people",
]
TOPICS = [
    ("Walking the route with the outreach team", "what a night on the streets taught us"),
    ("Who answers the phone at 2am", "mapping first contact across agencies"),
    ("A shared list nobody owns", "why our data sharing stalled and what moved it"),
    ("Sitting in the GP waiting room", "listening before planning"),
    ("The form that asks the same question five times", "small fixes with big effects"),
    ("Coffee with the housing officers", "trust is built in ordinary places"),
    ("What the pharmacy counter sees", "a different front door"),
    ("Testing a single referral", "one person, one plan, one week"),
    ("Loneliness is not a service", "what older people told us about help"),
    ("When the cycle did not work", "a reflection on a failed action"),
    ("Mapping the money", "who pays for what in one street"),
    ("Young people in the bus station", "what prevention looks like on a Friday"),
]
COUNT = 36
FIRST_WEEK = datetime.date(2026, 8, 31)  # the last demo week is this one, not a future one


def seed() -> str:
    made, kept = seed_weeknotes()
    return f"Demo weeknotes: {made} published, {kept} already there."


def _issues_and_cohorts():
    issues = {}
    for slug, title, summary in ISSUES:
        issues[slug], _created = Issue.objects.get_or_create(
            slug=slug, defaults={"title": title, "summary": summary}
        )
    cohorts = {}
    for slug, name, issue_slug, place, starts_on in COHORTS:
        cohorts[slug], _created = Cohort.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "issue": issues[issue_slug],
                "place": place,
                "starts_on": starts_on,
                "ends_on": starts_on.replace(year=starts_on.year + 1),
                "status": CohortStatus.ACTIVE,
            },
        )
    return issues, cohorts


def _body(topic: str, angle: str):
    return [
        (
            "paragraph",
            f"<p>This week we tried something small: {angle}. "
            "We wrote down what we expected before we started, "
            "so we could see what surprised us.</p>",
        ),
        ("heading", {"text": "What happened", "level": "h2"}),
        (
            "markdown",
            f"We spent the week on **{topic.lower()}**. Three things stood out:\n\n"
            "1. People were more willing to talk than we feared.\n"
            "2. The hard part was not the data but who is allowed to act on it.\n"
            "3. Nobody had asked the people at the front desk before.\n\n"
            "More on the method at [the cycle guide](https://example.org/cycles).",
        ),
        (
            "quote",
            {"quote": "We only learned this because we went and looked.", "attribution": ""},
        ),
        ("heading", {"text": "Now what", "level": "h2"}),
        (
            "paragraph",
            "<p>Next week we will try the same thing with one more agency in the room.</p>",
        ),
    ]


@transaction.atomic
def seed_weeknotes() -> tuple[int, int]:
    index = WeeknoteIndexPage.objects.first()
    if index is None:
        return 0, 0
    accounts_demo.seed_people()
    issues, cohorts = _issues_and_cohorts()
    people = list(User.objects.filter(email__in=AUTHORS).order_by("email"))
    places = [
        # A weeknote's issue is its cohort's, whichever demo created the cohort.
        (cohorts["wrexham-2026"].issue, cohorts["wrexham-2026"]),
        (cohorts["rhyl-2026"].issue, cohorts["rhyl-2026"]),
        (issues["place-based-working"], None),
    ]
    made = kept = 0
    topics = itertools.cycle(TOPICS)
    for number in range(1, COUNT + 1):
        topic, angle = next(topics)
        slug = f"week-{number:02d}-{topic.lower().replace(' ', '-')}"[:80].strip("-")
        if WeeknotePage.objects.filter(slug=slug).exists():
            kept += 1
            continue
        issue, cohort = places[number % len(places)]
        page = WeeknotePage(
            title=topic,
            slug=slug,
            week_of=FIRST_WEEK + datetime.timedelta(weeks=number // 3),
            summary=f"{topic}: {angle}.",
            body=_body(topic, angle),
            issue=issue,
            cohort=cohort,
        )
        first = people[number % len(people)]
        page.authors.add(WeeknoteAuthor(user=first, sort_order=0))
        if number % 4 == 0:
            second = people[(number + 1) % len(people)]
            page.authors.add(WeeknoteAuthor(user=second, sort_order=1))
        page.tags.add(TAGS[number % len(TAGS)], TAGS[(number * 3 + 1) % len(TAGS)])
        index.add_child(instance=page)
        page.save_revision().publish()
        made += 1
    return made, kept
