"""Realistic text for data at scale: a modest vocabulary of public-service sentences,
varied by a seeded random generator, so the same seed and scale write the same words.

Entries and comments are stored with their HTML, which the project makes in one place
(``kernel.text.render_markdown``). Running it for 800,000 rows would take most of the
build, so a pool of paragraphs is rendered once and each body joins a few of them:
Markdown renders blocks separated by a blank line one by one, so the joined HTML is
exactly what ``render_markdown`` makes of the joined text (the test checks samples).
"""

import html
import random

from kernel.text import render_markdown

PLACES = [
    "Wrexham", "Rhyl", "Caia Park", "Prestatyn", "Bangor", "Colwyn Bay", "Llandudno",
    "Mold", "Flint", "Holywell", "Denbigh", "Ruthin", "Newtown", "Welshpool", "Aberystwyth",
    "Cardigan", "Carmarthen", "Llanelli", "Swansea", "Neath", "Port Talbot", "Bridgend",
    "Barry", "Penarth", "Cardiff", "Newport", "Cwmbran", "Pontypridd", "Merthyr Tydfil",
    "Aberdare", "Ebbw Vale", "Abergavenny", "Monmouth", "Chepstow", "Haverfordwest",
    "Pembroke Dock", "Milford Haven", "Brecon", "Llandrindod Wells", "Holyhead",
]  # fmt: skip
AGENCY_KINDS = [
    ("County Council", "council"), ("Police", "police"), ("Health Board", "health"),
    ("Fire and Rescue", "fire"), ("Housing Association", "housing"), ("College", "education"),
    ("Jobcentre", "civil_service"), ("Citizens Advice", "charity"), ("Food Bank", "charity"),
    ("Youth Service", "council"), ("Probation Service", "police"), ("GP Cluster", "health"),
]  # fmt: skip
ISSUES = [
    ("Drugs in the town centre", "Drug use, shoplifting and homelessness in one high street."),
    ("Ageing well", "How older people stay well, connected and at home for longer."),
    ("Place-based working", "Services for one estate planned together, with its residents."),
    ("Young people at night", "Where young people go when nothing is open."),
    ("Hospital discharge", "Getting people home from hospital with help waiting for them."),
    ("Loneliness", "Who is alone, who notices, and what helps them reconnect."),
    ("Homelessness", "Keeping people in their homes, and finding homes for the rest."),
    ("School attendance", "Why children miss school, and what families say would help."),
    ("Domestic abuse", "Earlier help for people living with abuse, from whoever they tell."),
    ("Mental health crisis", "Between the first call for help and the right support."),
    ("Food and fuel poverty", "Cold homes and empty cupboards, and the services that meet them."),
    ("Falls and frailty", "Preventing falls at home, and what happens after one."),
]
FIRST_NAMES = [
    "Aled", "Bethan", "Carys", "Dafydd", "Eleri", "Ffion", "Gareth", "Gwen", "Huw", "Ieuan",
    "Jac", "Lowri", "Megan", "Nia", "Owen", "Priya", "Rhys", "Sian", "Tomos", "Wyn",
    "Amir", "Chloe", "Daniel", "Fatima", "Grace", "Hannah", "Imran", "James", "Kate", "Leon",
    "Maya", "Noah", "Olivia", "Sam", "Yusuf", "Zara", "Ceri", "Elin", "Iwan", "Mari",
]  # fmt: skip
LAST_NAMES = [
    "Evans", "Jones", "Williams", "Davies", "Thomas", "Roberts", "Hughes", "Lewis", "Morgan",
    "Griffiths", "Price", "Edwards", "Owen", "Lloyd", "Parry", "Pritchard", "Khan", "Patel",
    "Begum", "Ali", "Smith", "Brown", "Taylor", "Walker", "Wright", "Green", "Hall", "Wood",
]  # fmt: skip
JOBS = [
    "Neighbourhood sergeant", "PCSO", "Substance misuse nurse", "Tenancy officer",
    "Outreach worker", "Social worker", "Community pharmacist", "Youth worker",
    "Housing options officer", "Occupational therapist", "Firefighter", "Safe and well advisor",
    "Family support worker", "Debt adviser", "Ward manager", "Probation officer",
    "Head of year", "Community connector", "Service manager", "Public health practitioner",
]  # fmt: skip
TAGS = [
    "trust", "data sharing", "referrals", "listening", "housing", "pharmacy", "outreach",
    "night-time", "home visits", "loneliness", "falls", "budgets", "estates", "failure",
    "young people", "hospital discharge", "coaching", "planning meetings", "naloxone",
    "scams", "schools", "families", "volunteers", "safeguarding", "prevention",
    "hand-overs", "town centre", "food", "cold homes", "mental health",
]  # fmt: skip

# Sentences with slots: {place}, {agency}, {job}, {n} (a small number), {day}.
ACTIONS = [
    "Met the {job} from {agency} and went through three cases together.",
    "Spent the morning at the drop-in in {place} as a listener, with a notebook and no list.",
    "Asked {n} people at the counter what stops them asking for help.",
    "Joined the {day} planning meeting for ten minutes to say what outreach heard at the weekend.",
    "Rang the {job} at {agency} instead of sending the form.",
    "Walked from the bus station to the hostel in {place} with a colleague from {agency}.",
    "Sat in on a home visit with the {job}; we asked the same questions in half the time.",
    "Wrote three lines after each shift and sent them to {agency}.",
    "Counted the services that knocked on one door in {place} this month: {n}.",
    "Shared a list of named contacts with {n} people across the cohort.",
    "Tried one shared assessment with the {job}, with the care agency on the phone.",
    "Put the rough budget for one street in {place} in front of the partnership board.",
    "Ran a small session for {n} residents with a big map and some pens.",
    "Took the question to my manager at {agency} and asked for two weeks to try it.",
]  # fmt: skip
OBSERVATIONS = [
    "Each agency sees the part of the problem that walks through its own door.",
    "The gap was the hand-over, not the skill.",
    "People trusted a name more than a service.",
    "Nobody holds that number, so nobody can ask whether it is well spent.",
    "Being close to the street mattered more than the quality of the report.",
    "Listening without an agenda told me more than a month of appointments.",
    "It worked because we had met twice before and trusted each other's notes.",
    "The form was the slowest part, and nobody could say who reads it.",
    "{n} of the people I spoke to asked about housing before anything else.",
    "The night-time picture stays in the van, and none of it reaches the day teams.",
    "We planned it from our side and never asked the people it was for.",
    "Things moved when someone in the room could say yes without asking three managers.",
    "The same family had told their story {n} times to {n} different services.",
    "Loneliness is noticed long before any service hears about it.",
]  # fmt: skip
NEXT_STEPS = [
    "Ask the {job} whether they would try it for a fortnight.",
    "Make it a standing item for a month, then ask the team whether it was worth it.",
    "Try it again with a different team, to see whether it works without the trust we had.",
    "Write it up for the partnership board, with the failures as well as the wins.",
    "Find one named person at {agency} the counter could call.",
    "Ask {n} people where they spend the afternoons, and go there instead.",
    "Bring it to the next session in {place} and ask residents to mark it up.",
    "Keep the silence, and try the same thing in the group session on {day}.",
]  # fmt: skip
QUESTIONS = [
    "How might I help {agency} start a conversation about support before someone reaches crisis?",
    "What would it take for one street in {place} to have one team instead of six?",
    "How might we get people home from hospital the day they are ready?",
    "Who notices first when an older neighbour stops going out, and who do they tell?",
    "How might I use what outreach hears at night in the morning's decisions?",
    "What would make a young person in {place} choose somewhere safe on a Friday night?",
    "How might we share what we know about one family without another form?",
    "What do people at the drop-in need from me before they need treatment?",
]  # fmt: skip
TITLES = [
    "Earlier conversations at the counter", "One team for one street", "Who notices first",
    "Home the day they are ready", "Mornings that know about the night", "One front door",
    "Somewhere to be on a Friday", "Fewer forms, more names", "Listening at the drop-in",
    "Joint home visits", "Mapping the money", "Named contacts across agencies",
    "Hand-overs that hold",
]  # fmt: skip
COMMENTS = [
    "Have you asked the {job} what they would need to keep it going?",
    "This matches what we saw in {place}: the hand-over is the hard part.",
    "Who else in the cohort could you try this with?",
    "I wonder what would happen if you stopped sending the form altogether.",
    "Lovely to read. What surprised you most?",
    "Could you say a bit more about what you mean by **trust** here?",
    "We tried something similar at {agency}; happy to share what went wrong.",
    "What would you need from your manager to carry on?",
    "Thank you, this is useful for my own inquiry.",
    "How did the people you spoke to feel about it?",
    "Agreed. I will bring it up at the {day} meeting.",
    "Is there a smaller version you could try next week?",
]  # fmt: skip
QUOTES = [
    "I have worked two streets from her for six years and we have never met.",
    "Nobody asked me to come before. I assumed I wasn't wanted.",
    "I thought I'd have to tell it all again. I didn't.",
    "It was the first time I had eaten with anyone in months.",
    "I would not have called a switchboard.",
]  # fmt: skip
WEEKNOTE_TITLES = [
    "What the {job} told us in {place}", "{n} services, one front door in {place}",
    "A cycle that did not work", "Naming one person to call", "Listening on a {day} in {place}",
    "Home visits in {place}: one instead of {n}", "The hand-over, not the skill",
    "Mapping the money in one street in {place}", "What {agency} hears first",
    "Halfway: what the {place} cohort has learned", "A {day} night in {place}",
    "Fewer forms in {place}", "Trust before data sharing",
]  # fmt: skip
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
REFLECTION_HEADINGS = ["## What happened", "## So what", "## Now what"]


def agency_names() -> list[tuple[str, str]]:
    """Every organisation's name and sector: each place's agencies."""
    return [(f"{place} {kind}", sector) for place in PLACES for kind, sector in AGENCY_KINDS]


class TextMaker:
    """Sentences, paragraphs and names from the vocabulary, drawn with one generator."""

    def __init__(self, rng: random.Random, agencies: list[str]):
        self.rng = rng
        self.agencies = agencies
        self.rendered: dict[str, str] = {}

    def fill(self, template: str) -> str:
        return template.format(
            place=self.rng.choice(PLACES),
            agency=self.rng.choice(self.agencies),
            job=self.rng.choice(JOBS).lower(),
            n=self.rng.randint(2, 9),
            day=self.rng.choice(DAYS),
        )

    def sentences(self, *pools: list[str], count: int) -> str:
        return " ".join(self.fill(self.rng.choice(self.rng.choice(pools))) for _ in range(count))

    def person_name(self) -> str:
        return f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"

    # Stored Markdown and its HTML, from pools rendered once.

    def build_pools(self, *, paragraphs: int, comments: int) -> None:
        self.action_pool = [
            self._markdown(self.sentences(ACTIONS, count=2)) for _ in range(paragraphs)
        ]
        self.thought_pool = [
            self._markdown(self.sentences(OBSERVATIONS, NEXT_STEPS, count=2))
            for _ in range(paragraphs)
        ]
        self.comment_pool = [
            self._markdown(self.fill(self.rng.choice(COMMENTS))) for _ in range(comments)
        ]
        self.headings = [self._markdown(heading) for heading in REFLECTION_HEADINGS]

    def _markdown(self, text: str) -> str:
        self.rendered[text] = render_markdown(text)
        return text

    def joined(self, blocks: list[str]) -> tuple[str, str]:
        """Markdown blocks joined as one text, with its HTML."""
        return "\n\n".join(blocks), "\n".join(self.rendered[block] for block in blocks)

    def action_body(self) -> tuple[str, str]:
        blocks = self.rng.sample(self.action_pool, self.rng.randint(1, 2))
        if self.rng.random() < 0.3:
            blocks.append(self.rng.choice(self.thought_pool))
        return self.joined(blocks)

    def reflection_body(self) -> tuple[str, str]:
        happened, so_what, now_what = self.headings
        return self.joined(
            [
                happened, self.rng.choice(self.action_pool),
                so_what, self.rng.choice(self.thought_pool),
                now_what, self.rng.choice(self.thought_pool),
            ]
        )  # fmt: skip

    def comment_body(self) -> tuple[str, str]:
        return self.joined([self.rng.choice(self.comment_pool)])

    # Public text: weeknotes, written fresh for each (nothing is rendered when stored).

    def weeknote_title(self) -> str:
        return self.fill(self.rng.choice(WEEKNOTE_TITLES))

    def weeknote_summary(self) -> str:
        return self.sentences(OBSERVATIONS, count=self.rng.randint(1, 2))

    def weeknote_body(self, new_id) -> list[dict]:
        """Stream blocks as stored: what happened, so what, maybe a quote, now what."""

        def block(kind, value):
            return {"type": kind, "value": value, "id": new_id()}

        def heading(text):
            return block("heading", {"text": text, "level": "h2"})

        def paragraph(*pools, count):
            return block("paragraph", f"<p>{html.escape(self.sentences(*pools, count=count))}</p>")

        body = [
            heading("What happened"),
            paragraph(ACTIONS, count=self.rng.randint(2, 4)),
            heading("So what"),
            paragraph(OBSERVATIONS, count=self.rng.randint(2, 3)),
        ]
        if self.rng.random() < 0.3:
            body.append(block("quote", {"quote": self.rng.choice(QUOTES), "attribution": ""}))
        body += [heading("Now what"), block("markdown", self.sentences(NEXT_STEPS, count=2))]
        return body
