"""Data at scale: the programme of issue 13 (100 cohorts, 3,000 people, 6,000 inquiries of
8 cycles, about 300,000 entries and 500,000 comments, 10,000 published weeknotes), or a
fraction of it, with realistic text, the same for the same scale and seed.

``manage.py build_scale_data`` runs it; ``bench/run.py`` uses it to fill its database.
"""

import random
from dataclasses import dataclass

from django.db import transaction

from accounts.models import User

from .inquiries import build_inquiries
from .people import EMAIL_DOMAIN, build_cohorts, build_issues, build_organisations, build_people
from .progress import Progress
from .sizes import Sizes
from .text import TextMaker
from .weeknotes import build_weeknotes

# Entries and comments draw their text from pools this size, rendered once.
PARAGRAPH_POOL = 1500
COMMENT_POOL = 600


class AlreadyBuilt(Exception):
    pass


@dataclass
class Built:
    """What a benchmark needs to find its pages in the data."""

    sizes: Sizes
    facilitator: User  # of the largest cohort
    owner: User  # of the longest inquiry
    cohort_slug: str
    issue_slug: str
    long_inquiry_pk: int
    seconds: float


def build_scale_data(*, scale: float, seed: int = 1, write=print) -> Built:
    sizes = Sizes.for_scale(scale)
    if User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}").exists():
        raise AlreadyBuilt("This database already has data at scale: build it in a fresh one.")
    rng = random.Random(f"{seed}:{scale}")  # noqa: S311 - data, not secrets
    progress = Progress(write)
    write(f"Building at scale {scale} (seed {seed}): {sizes}")
    with transaction.atomic():
        organisations = build_organisations()
        text = TextMaker(rng, [o.name for o in organisations])
        text.build_pools(paragraphs=PARAGRAPH_POOL, comments=COMMENT_POOL)
        issues = build_issues(text)
        people = build_people(text, sizes.people)
        progress.report("people", len(people))
        plans = build_cohorts(rng, text, people, issues, organisations, sizes.cohorts, progress)
        planned = build_inquiries(rng, text, plans, sizes, progress)
        build_weeknotes(rng, text, plans, sizes.weeknotes, progress)
    largest, longest = plans[0], planned[0].inquiry
    write(f"Done in {progress.elapsed:.1f} s.")
    return Built(
        sizes=sizes,
        facilitator=largest.facilitator,
        owner=longest.owner,
        cohort_slug=largest.cohort.slug,
        issue_slug=largest.cohort.issue.slug,
        long_inquiry_pk=longest.pk,
        seconds=progress.elapsed,
    )
