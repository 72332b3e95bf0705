"""Demo chains: three demo inquiries say what they are for, and two of them, shared with
the whole cohort, seek the same benefit (written differently, as people do), so the
board has a meeting to show.

Saved through the service, as their owners would. Idempotent: an inquiry that already
has a chain is left as it is. Runs after the inquiries demo, whose inquiries it uses.
"""

from django.db import transaction

from accounts.demo import demo_person
from cohorts.models import Cohort
from inquiries.models import Inquiry

from .chains import chain_save
from .models import InquiryChain

COHORT = "wrexham-2026"

CHAINS = [
    {
        "owner": "participant@example.com",
        "title": "What the outreach van hears",
        "benefit": "Fewer people reaching crisis before anyone knows them",
        "beneficiaries": "People sleeping rough in Wrexham",
        "users": "Outreach workers, housing officers",
        "results": "A weekly note of what the van hears, shared with the housing team.",
    },
    {
        "owner": "participant2@example.com",
        "title": "Housing first conversations",
        "benefit": "Fewer people reaching crisis before anyone knows them.",
        "beneficiaries": "People leaving hospital or custody without a home",
        "users": "Housing officers; ward discharge nurses",
        "results": "A same-week first housing conversation for everyone referred.",
    },
    {
        "owner": "participant@example.com",
        "title": "Earlier conversations at the pharmacy counter",
        "benefit": "Support offered before someone reaches crisis",
        "beneficiaries": "People who collect prescriptions each week",
        "users": "Community pharmacists",
        "results": "One named contact for two pharmacies to hand over to.",
    },
]


def seed() -> str:
    created, kept = seed_chains()
    return f"Demo benefit chains: {created} created, {kept} already there."


@transaction.atomic
def seed_chains() -> tuple[int, int]:
    cohort = Cohort.objects.get(slug=COHORT)
    created = kept = 0
    for spec in CHAINS:
        owner = demo_person(spec["owner"])
        inquiry = Inquiry.objects.get(owner=owner, cohort=cohort, title=spec["title"])
        if InquiryChain.objects.filter(inquiry=inquiry).exists():
            kept += 1
            continue
        chain_save(
            inquiry=inquiry,
            user=owner,
            benefit=spec["benefit"],
            beneficiaries=spec["beneficiaries"],
            users=spec["users"],
            results=spec["results"],
        )
        created += 1
    return created, kept
