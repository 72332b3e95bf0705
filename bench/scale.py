"""Data at scale for benchmarks: many cohorts with many members, interest and history."""

import datetime

from django.db import transaction

from accounts.demo import ensure_person
from accounts.models import User
from cohorts.models import (
    Cohort,
    CohortEvent,
    ExpressionOfInterest,
    Issue,
    Membership,
    Organisation,
    Role,
    Sector,
)


@transaction.atomic
def build_scale(*, cohorts: int, members: int) -> dict:
    issue, _ = Issue.objects.get_or_create(
        slug="bench-issue", defaults={"title": "Benchmark issue", "summary": "At scale."}
    )
    sectors = list(Sector.values)
    organisations = [
        Organisation.objects.get_or_create(
            name=f"Bench agency {n}",
            defaults={"sector": sectors[n % len(sectors)], "verified": True},
        )[0]
        for n in range(25)
    ]
    facilitator, _created = ensure_person("bench.facilitator@example.com", "Bench Facilitator")
    people = list(User.objects.filter(email__startswith="bench.person"))
    for n in range(len(people), members):
        people.append(User(email=f"bench.person{n}@example.com", display_name=f"Bench Person {n}"))
    User.objects.bulk_create([p for p in people if p.pk is None])
    people = list(User.objects.filter(email__startswith="bench.person").order_by("pk")[:members])
    first = None
    for c in range(cohorts):
        cohort, created = Cohort.objects.get_or_create(
            slug=f"bench-{c}",
            defaults={
                "name": f"Bench cohort {c}",
                "issue": issue,
                "place": "Benchtown",
                "starts_on": datetime.date(2026, 1, 1),
                "ends_on": datetime.date(2026, 12, 31),
                "capacity": members + 10,
                "status": "active",
            },
        )
        first = first or cohort
        if created:
            Membership.objects.create(user=facilitator, cohort=cohort, role=Role.FACILITATOR)
            Membership.objects.bulk_create(
                Membership(
                    user=p,
                    cohort=cohort,
                    role=Role.PARTICIPANT,
                    organisation=organisations[i % 25],
                    role_in_organisation="Worker",
                )
                for i, p in enumerate(people[: members - 1])
            )
            CohortEvent.objects.bulk_create(
                CohortEvent(cohort=cohort, actor=p, kind="joined", subject="as participant")
                for p in people[: members - 1]
            )
    ExpressionOfInterest.objects.bulk_create(
        [
            ExpressionOfInterest(
                user=p,
                issue=issue,
                organisation=organisations[i % 25],
                role_in_organisation="Worker",
                wants_to_work_on="Things.",
            )
            for i, p in enumerate(people)
        ],
        ignore_conflicts=True,
    )
    return {"facilitator": facilitator, "issue_slug": issue.slug, "cohort_slug": first.slug}
