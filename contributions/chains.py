"""What each of us wants to achieve: inquiries' benefit chains, read and written, and the
chains that share a benefit or a user drawn together so people see where their work meets.

Every read goes through ``Inquiry.objects.visible_to``: a chain is seen by whoever may read
its inquiry, and only they.
"""

import re
import unicodedata
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q

from inquiries.models import Cycle, EntryKind, Inquiry
from inquiries.permissions import may_write
from kernel.submissions import save_once, sent_before

from .models import InquiryChain

# --- Judging "the same" ---

_APOSTROPHES = re.compile("['’‘`]")
# Several users in one field are parted by commas or semicolons.
_BETWEEN_USERS = re.compile("[,;]")


def same_words(text: str) -> str:
    """The key two phrases are compared by: their words, in lower case, and nothing else.

    Capital letters, punctuation and the spaces between words make no difference:
    "Fewer people in crisis." and "fewer people in CRISIS" are the same benefit. Different
    words are different benefits ("fewer crises" is not "fewer people in crisis"): people
    see those side by side and judge for themselves.
    """
    text = _APOSTROPHES.sub("", unicodedata.normalize("NFKC", text).casefold())
    return " ".join("".join(c if c.isalnum() else " " for c in text).split())


def users_named(chain: InquiryChain) -> list[str]:
    """Each user the chain names, as written: "pharmacists; housing officers" names two."""
    return [part.strip() for part in _BETWEEN_USERS.split(chain.users) if part.strip()]


def benefit_named(chain: InquiryChain) -> list[str]:
    return [chain.benefit] if chain.benefit.strip() else []


@dataclass(frozen=True)
class Meeting:
    """Two or more chains that name the same benefit (or user): where their work meets.
    ``words`` are as the first of them wrote them."""

    words: str
    chains: list[InquiryChain]


def meetings(
    chains: Iterable[InquiryChain], named: Callable[[InquiryChain], list[str]]
) -> list[Meeting]:
    """The phrases (``named`` picks them from a chain) that more than one chain shares, the
    most shared first. A chain counts once in a meeting, however often it names it."""
    groups: dict[str, tuple[str, dict[int, InquiryChain]]] = {}
    for chain in chains:
        for phrase in named(chain):
            if key := same_words(phrase):
                groups.setdefault(key, (phrase, {}))[1].setdefault(chain.pk, chain)
    shared = [
        (key, Meeting(words, list(members.values())))
        for key, (words, members) in groups.items()
        if len(members) > 1
    ]
    shared.sort(key=lambda item: (-len(item[1].chains), item[0]))
    return [meeting for _, meeting in shared]


# --- Reading ---


def chain_of(inquiry: Inquiry) -> InquiryChain | None:
    """The inquiry's chain, if one was ever saved. The caller has the inquiry through the
    visibility rule (an inquiry page, the owner's form)."""
    return InquiryChain.objects.filter(inquiry=inquiry).first()


def stated_chain_of(inquiry: Inquiry) -> InquiryChain | None:
    """The inquiry's chain, if it says anything."""
    return InquiryChain.objects.stated().filter(inquiry=inquiry).first()


def board_chains(*, cohort, viewer) -> list[InquiryChain]:
    """The stated chains of the cohort's inquiries the viewer may read, each with its
    inquiry, the inquiry's owner and its ``projects``: its cycles, in order, each with the
    count of ``actions`` logged in it. Three queries, however many chains."""
    readable = Inquiry.objects.visible_to(viewer).filter(cohort=cohort)
    projects = Cycle.objects.annotate(
        actions=Count("entries", filter=Q(entries__kind=EntryKind.ACTION))
    ).order_by("number")
    return list(
        InquiryChain.objects.stated()
        .filter(inquiry__in=readable)
        .select_related("inquiry__owner")
        .prefetch_related(Prefetch("inquiry__cycles", queryset=projects, to_attr="projects"))
        .order_by("inquiry__title", "pk")
    )


def inquiries_without_chain(*, cohort, owner) -> list[Inquiry]:
    """The owner's inquiries in the cohort that do not say yet what they are for."""
    if cohort.is_closed:  # nothing new is written in a closed cohort
        return []
    return list(
        Inquiry.objects.visible_to(owner)
        .filter(owner=owner, cohort=cohort)
        .exclude(chain__in=InquiryChain.objects.stated())
        .order_by("title", "pk")
    )


# --- Writing ---


def chain_save(
    *,
    inquiry: Inquiry,
    user,
    benefit: str,
    beneficiaries: str,
    users: str,
    results: str,
    submission_key: uuid.UUID | None = None,
) -> InquiryChain:
    """The owner says what their inquiry is for, or changes it: the first save makes the
    chain, later ones change it, while they may write in the inquiry. The same form sent
    twice saves one chain and answers as the first did."""
    may_write(inquiry=inquiry, user=user).enforce()
    mine = InquiryChain.objects.filter(inquiry__owner=user)
    if earlier := sent_before(mine, submission_key):
        return earlier
    fields = {
        "benefit": benefit,
        "beneficiaries": beneficiaries,
        "users": users,
        "results": results,
    }
    chain = chain_of(inquiry)
    if chain is None:
        chain = InquiryChain(inquiry=inquiry, submission_key=submission_key, **fields)
        # One chain per inquiry and one per key: save_once decides between two sends.
        chain.full_clean(exclude=["inquiry", "submission_key"])
        return save_once(chain, mine) or chain
    for name, value in fields.items():
        setattr(chain, name, value)
    chain.full_clean(exclude=["inquiry", "submission_key"])
    chain.save()
    return chain
