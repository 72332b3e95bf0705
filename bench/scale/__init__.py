"""Data at scale: the programme of issue 13 (100 cohorts, 3,000 people, 6,000 inquiries of
8 cycles, about 300,000 entries and 500,000 comments, 10,000 published weeknotes), or a
fraction of it, with realistic text, the same for the same scale and seed.

``manage.py build_scale_data`` runs it; ``bench/run.py`` uses it to fill its database.
"""

import random
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count

from accounts.models import User
from cohorts.models import Cohort, Role
from inquiries.models import Inquiry

from .inquiries import build_inquiries
from .people import EMAIL_DOMAIN, build_cohorts, build_issues, build_organisations, build_people
from .progress import Progress
from .sizes import Sizes
from .text import TextMaker
from .weeknotes import build_weeknotes


def pool_size(rows: int, *, per: int, least: int, most: int) -> int:
    """How many texts to render once for ``rows`` to draw from: more for more rows."""
    return min(most, max(least, rows // per))


class AlreadyBuilt(Exception):
    pass


@dataclass
class Landmarks:
    """Where a benchmark finds the pages that cost the most in the data at scale."""

    facilitator: User  # of the largest cohort
    cohort_slug: str
    issue_slug: str
    owner: User  # of the inquiry with the most cycles
    long_inquiry_pk: int


def landmarks() -> Landmarks:
    """Read from the database, so a benchmark can reuse data built by an earlier run."""
    ours = {"memberships__user__email__endswith": f"@{EMAIL_DOMAIN}"}
    cohort = (
        Cohort.objects.filter(**ours)
        .annotate(members=Count("memberships", distinct=True))
        .select_related("issue")
        .order_by("-members", "pk")
        .first()
    )
    inquiry = (
        Inquiry.objects.filter(owner__email__endswith=f"@{EMAIL_DOMAIN}")
        .annotate(cycle_count=Count("cycles"))
        .select_related("owner")
        .order_by("-cycle_count", "pk")
        .first()
    )
    facilitator = cohort.memberships.filter(role=Role.FACILITATOR).select_related("user").first()
    return Landmarks(
        facilitator=facilitator.user,
        cohort_slug=cohort.slug,
        issue_slug=cohort.issue.slug,
        owner=inquiry.owner,
        long_inquiry_pk=inquiry.pk,
    )


def build_scale_data(*, scale: float, seed: int = 1, write=print) -> Sizes:
    sizes = Sizes.for_scale(scale)
    if User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}").exists():
        raise AlreadyBuilt("This database already has data at scale: build it in a fresh one.")
    rng = random.Random(f"{seed}:{scale}")  # noqa: S311 - data, not secrets
    progress = Progress(write)
    write(f"Building at scale {scale} (seed {seed}): {sizes}")
    with transaction.atomic():
        organisations = build_organisations()
        text = TextMaker(rng, [o.name for o in organisations])
        text.build_pools(
            paragraphs=pool_size(sizes.entries, per=20, least=40, most=1500),
            comments=pool_size(sizes.comments, per=50, least=20, most=600),
        )
        issues = build_issues()
        people = build_people(text, sizes.people)
        progress.report("people", len(people))
        plans = build_cohorts(rng, text, people, issues, organisations, sizes.cohorts, progress)
        build_inquiries(rng, text, plans, sizes, progress)
        build_weeknotes(rng, text, plans, sizes.weeknotes, progress)
    write(f"Done in {progress.elapsed:.1f} s.")
    return sizes
