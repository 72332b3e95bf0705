"""Inquiries with their cycles, entries and comments, bulk inserted a chunk at a time.

The rules hold by construction, and the test checks them: each inquiry's owner is a
participant of its cohort; a cohort's cycles are numbered from 1, each closed before the
next starts (only an active cohort's last cycle is open), inside the cohort's dates;
a comment's author can see the inquiry (its owner alone for a private one, its cohort's
coaches too for one shared with coaches, every member for one shared with the cohort);
a reply answers a comment of the same inquiry, one level deep, on the same entry.
No notifications are made: they are optional, and would only be rows nobody reads.
"""

import datetime
from dataclasses import dataclass

from inquiries.models import (
    Comment,
    Cycle,
    Entry,
    EntryKind,
    Inquiry,
    InquiryStatus,
    Phase,
    Visibility,
)

from .people import TODAY, CohortPlan
from .sizes import CYCLES_PER_INQUIRY, LONG_INQUIRY_CYCLES
from .text import ACTIONS, NEXT_STEPS, OBSERVATIONS, QUESTIONS, TITLES, TextMaker

CHUNK = 200  # inquiries written at a time: about 10,000 entries and 17,000 comments
KINDS = [EntryKind.ACTION, EntryKind.ACTION, EntryKind.REFLECTION] * 2
VISIBILITIES = [(Visibility.PRIVATE, 0.15), (Visibility.COACHES, 0.55), (Visibility.COHORT, 0.30)]
# How much each kind of inquiry is commented on, relative to the others.
COMMENT_WEIGHT = {Visibility.PRIVATE: 0.1, Visibility.COACHES: 1.0, Visibility.COHORT: 1.5}
REPLY_SHARE = 0.35
ON_THE_INQUIRY_SHARE = 0.15  # top-level comments not on any entry
UTC = datetime.UTC


@dataclass
class Planned:
    inquiry: Inquiry
    plan: CohortPlan
    first_day: datetime.date
    cycles: int
    comments: int = 0

    @property
    def window(self) -> tuple[datetime.date, datetime.date]:
        """From the inquiry's first day to the cohort's end, or today if it runs on."""
        cohort = self.plan.cohort
        return self.first_day, min(cohort.ends_on, TODAY)


def at(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=UTC)


def plan_inquiries(rng, text: TextMaker, plans: list[CohortPlan], count: int, comments: int):
    owners = [(plan, person) for plan in plans for person in plan.participants]
    rng.shuffle(owners)
    planned = []
    for n in range(count):
        plan, owner = owners[n % len(owners)]
        visibility = rng.choices(*zip(*VISIBILITIES, strict=True))[0]
        inquiry = Inquiry(
            owner=owner,
            cohort=plan.cohort,
            title=rng.choice(TITLES),
            question=text.fill(rng.choice(QUESTIONS)),
            why_it_matters=text.sentences(OBSERVATIONS, count=2),
            visibility=visibility,
            status=InquiryStatus.FINISHED if plan.cohort.is_closed else InquiryStatus.ACTIVE,
        )
        first_day = plan.cohort.starts_on + datetime.timedelta(days=rng.randint(0, 20))
        inquiry.last_activity_at = at(min(plan.cohort.ends_on, TODAY), 17) - datetime.timedelta(
            hours=rng.randint(0, 240)
        )
        cycles = LONG_INQUIRY_CYCLES if n == 0 else CYCLES_PER_INQUIRY
        planned.append(Planned(inquiry, plan, first_day, cycles))
    share_out_comments(planned, comments)
    return planned


def share_out_comments(planned: list[Planned], total: int) -> None:
    """Exactly ``total`` comments, more on inquiries more people can see."""
    weights = [COMMENT_WEIGHT[p.inquiry.visibility] for p in planned]
    whole = sum(weights)
    for p, weight in zip(planned, weights, strict=True):
        p.comments = int(total * weight / whole)
    for n in range(total - sum(p.comments for p in planned)):
        planned[n % len(planned)].comments += 1


def readers(p: Planned) -> list:
    """Who can see (and so comment on) the inquiry: the visibility rule, by construction."""
    visibility, owner = p.inquiry.visibility, p.inquiry.owner
    if visibility == Visibility.PRIVATE:
        return [owner]
    if visibility == Visibility.COACHES:
        return [owner, *p.plan.coaches]
    return p.plan.members


def build_inquiries(rng, text, plans, sizes, progress) -> None:
    planned = plan_inquiries(rng, text, plans, sizes.inquiries, sizes.comments)
    Inquiry.objects.bulk_create([p.inquiry for p in planned], batch_size=2000)
    progress.report("inquiries", len(planned))
    written = {"cycles": 0, "entries": 0, "comments": 0}
    for start in range(0, len(planned), CHUNK):
        chunk = planned[start : start + CHUNK]
        entries_of = build_cycles_and_entries(rng, text, chunk, written)
        build_comments(rng, text, chunk, entries_of, written)
        progress.report("entries", written["entries"], sizes.entries)
        progress.report("comments", written["comments"], sizes.comments)


def build_cycles_and_entries(rng, text, chunk, written) -> dict[int, list[Entry]]:
    cycles, shapes = [], []
    for p in chunk:
        first, last = p.window
        length = max(1, (last - first).days // p.cycles)
        runs_on = not p.plan.cohort.is_closed
        for number in range(1, p.cycles + 1):
            started = first + datetime.timedelta(days=(number - 1) * length)
            is_open = runs_on and number == p.cycles
            cycles.append(
                Cycle(
                    inquiry=p.inquiry,
                    number=number,
                    intention=text.fill(rng.choice(ACTIONS)),
                    phase=rng.choice([Phase.PLAN, Phase.ACT, Phase.OBSERVE])
                    if is_open
                    else Phase.REFLECT,
                    started_on=started,
                    closed_on=None if is_open else started + datetime.timedelta(days=length - 1),
                    learned="" if is_open else text.fill(rng.choice(OBSERVATIONS)),
                    next_step="" if is_open else text.fill(rng.choice(NEXT_STEPS)),
                )
            )
            shapes.append((p, started, length))
    Cycle.objects.bulk_create(cycles)
    entries, entries_of = [], {}
    for cycle, (p, started, length) in zip(cycles, shapes, strict=True):
        days = sorted(rng.randrange(length) for _ in KINDS)
        for kind, offset in zip(KINDS, days, strict=True):
            body, body_html = (
                text.action_body() if kind == EntryKind.ACTION else text.reflection_body()
            )
            entry = Entry(
                cycle=cycle,
                kind=kind,
                occurred_on=started + datetime.timedelta(days=offset),
                with_whom=text.fill("the {job}") if kind == EntryKind.ACTION else "",
                body=body,
                body_html=body_html,
            )
            entries.append(entry)
            entries_of.setdefault(p.inquiry.pk, []).append(entry)
    Entry.objects.bulk_create(entries)
    tag_organisations(
        rng, entries, {id(c): p for c, (p, *_rest) in zip(cycles, shapes, strict=True)}
    )
    written["cycles"] += len(cycles)
    written["entries"] += len(entries)
    return entries_of


def tag_organisations(rng, entries, planned_of_cycle) -> None:
    """A third of action logs name an organisation of their cohort (as the form allows)."""
    through = Entry.organisations.through
    rows = []
    for entry in entries:
        if entry.kind == EntryKind.ACTION and rng.random() < 1 / 3:
            plan = planned_of_cycle[id(entry.cycle)].plan
            rows.append(
                through(entry_id=entry.pk, organisation_id=rng.choice(plan.organisation_ids))
            )
    through.objects.bulk_create(rows)


def build_comments(rng, text, chunk, entries_of, written) -> None:
    tops, replies = [], []
    for p in chunk:
        people = readers(p)
        entries = entries_of[p.inquiry.pk]
        reply_count = round(p.comments * REPLY_SHARE) if p.comments > 1 else 0
        mine = []
        for _ in range(p.comments - reply_count):
            entry = None if rng.random() < ON_THE_INQUIRY_SHARE else rng.choice(entries)
            day = entry.occurred_on if entry else rng.choice(entries).occurred_on
            body, body_html = text.comment_body()
            mine.append(
                Comment(
                    inquiry=p.inquiry,
                    entry=entry,
                    author=rng.choice(people),
                    body=body,
                    body_html=body_html,
                    created_at=at(day, rng.randint(8, 18)),
                )
            )
        for _ in range(reply_count):
            parent = rng.choice(mine)
            body, body_html = text.comment_body()
            replies.append(
                Comment(
                    inquiry=p.inquiry,
                    entry=parent.entry,
                    parent=parent,
                    author=rng.choice(people),
                    body=body,
                    body_html=body_html,
                    created_at=min(
                        parent.created_at + datetime.timedelta(hours=rng.randint(1, 72)),
                        at(p.window[1], 23),  # never after the inquiry's last day
                    ),
                )
            )
        tops += mine
    Comment.objects.bulk_create(tops)
    Comment.objects.bulk_create(replies)  # their parents have ids now
    written["comments"] += len(tops) + len(replies)
