"""Contributions' part of a person's export and of the deletion of their account (the
protocol: accounts/personal_data.py, accounts/deletion.py).

The chains of their inquiries go with the inquiries: exported beside them (``inquiry_id``
links the two), and removed with them by the database's cascade.
"""

from accounts.personal_data import stamp

from .models import InquiryChain


def _chains(user):
    return InquiryChain.objects.filter(inquiry__owner=user).order_by("inquiry_id")


def sections(user):
    yield "inquiry_chains", (_chain_record(chain) for chain in _chains(user).iterator())


def _chain_record(chain):
    return {
        "inquiry_id": chain.inquiry_id,
        "benefit": chain.benefit,
        "beneficiaries": chain.beneficiaries,
        "users": chain.users,
        "results": chain.results,
        "updated_at": stamp(chain.updated_at),
    }


def files(user):
    chains = _chains(user).stated().select_related("inquiry")
    if chains.exists():
        yield "inquiry-chains.md", _chains_markdown(chains)


def _chains_markdown(chains):
    yield "# What my inquiries are for\n\n"
    for chain in chains.iterator():
        yield f"## {chain.inquiry.title}\n\n"
        for label, value in [
            ("Benefit sought", chain.benefit),
            ("For whom", chain.beneficiaries),
            ("Who will use what it makes", chain.users),
            ("Results it will produce", chain.results),
        ]:
            if value:
                yield f"- {label}: {value}\n"
        yield "\n"


# --- Deleting the account (accounts/deletion.py) ---


def counts(user):
    yield _chains(user)


def delete(user, choices) -> None:
    """The chains go with their inquiries, which go with the user row (CASCADE)."""
