"""Contributions' part of a person's export and of the deletion of their account (the
protocol: accounts/personal_data.py, accounts/deletion.py). Each part keeps its own
section below; the protocol's functions at the end call them in turn."""

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from accounts.personal_data import stamp

from .models import Ask, InquiryChain, Offer, OfferMessage

# --- Benefit chains ---
#
# The chains of their inquiries go with the inquiries: exported beside them (``inquiry_id``
# links the two), and removed with them by the database's cascade.


def _chains(user):
    return InquiryChain.objects.filter(inquiry__owner=user).order_by("inquiry_id")


def chain_sections(user):
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


def chain_files(user):
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


# --- Asks and offers ---
#
# Exported: the asks a person wrote, their offers of help and every message they wrote
# in an offer's thread. Around an offer, only the title of the ask it answered, and only
# while they may still see that ask (a member of its cohort). Others' messages to them
# are not theirs, and are left out.
#
# Deleted: their asks, with the offers on them and those threads. Their offers on
# others' asks go too, unless the asker replied in the thread or took the offer up:
# then the offer stays, by "a former member", with their messages shown as removed,
# so the asker's replies keep their place and the map keeps its link between the two
# organisations (never a person).


def ask_sections(user):
    asks = (
        Ask.objects.filter(author=user)
        .select_related("cohort", "organisation")
        .prefetch_related("sectors", "organisations")
        .order_by("pk")
    )
    yield "asks", (_ask_record(ask) for ask in asks)
    visible = set(Ask.objects.visible_to(user).values_list("pk", flat=True))
    offers = Offer.objects.filter(offerer=user).select_related("organisation").order_by("pk")
    yield "offers", (_offer_record(offer, visible) for offer in offers)
    written = OfferMessage.objects.filter(author=user).order_by("offer_id", "created_at", "pk")
    yield "offer_messages", (_message_record(message) for message in written)


def _ask_record(ask):
    return {
        "id": ask.pk,
        "cohort": ask.cohort.name,
        "title": ask.title,
        "details": ask.details,
        "sectors": [row.sector for row in ask.sectors.all()],
        "organisations": [organisation.name for organisation in ask.organisations.all()],
        "my_organisation": ask.organisation.name if ask.organisation else "",
        "inquiry_id": ask.inquiry_id,
        "created_at": stamp(ask.created_at),
        "closed_at": stamp(ask.closed_at),
        "closing_note": ask.closing_note,
    }


def _offer_record(offer, visible_asks):
    return {
        "id": offer.pk,
        "ask_id": offer.ask_id,
        "ask_title": offer.ask.title if offer.ask_id in visible_asks else None,
        "my_organisation": offer.organisation.name if offer.organisation else "",
        "created_at": stamp(offer.created_at),
        "taken_up_at": stamp(offer.taken_up_at),
    }


def _message_record(message):
    return {
        "id": message.pk,
        "offer_id": message.offer_id,
        "body": message.body,
        "created_at": stamp(message.created_at),
        "removed_at": stamp(message.removed_at),
    }


def ask_counts(user):
    yield Ask.objects.filter(author=user)
    yield Offer.objects.filter(offerer=user)
    yield OfferMessage.objects.filter(author=user)


def asks_delete(user) -> None:
    # Their asks go with every offer and thread on them (and the notifications about
    # those, through ``Offer.notifications``).
    Ask.objects.filter(author=user).delete()
    theirs = Offer.objects.filter(offerer=user)
    others_replied = Exists(OfferMessage.objects.filter(offer=OuterRef("pk")).exclude(author=user))
    kept = theirs.filter(Q(others_replied) | Q(taken_up_at__isnull=False))
    theirs.exclude(pk__in=kept.values("pk")).delete()
    OfferMessage.objects.filter(author=user).update(body="", removed_at=timezone.now())
    # The offers kept lose their offerer with the user row (``Offer.offerer`` SET_NULL).


# --- The protocol (accounts/personal_data.py) ---


def sections(user):
    yield from chain_sections(user)
    yield from ask_sections(user)


def files(user):
    yield from chain_files(user)


def counts(user):
    yield _chains(user)
    yield from ask_counts(user)


def delete(user, choices) -> None:
    # The chains go with their inquiries, which go with the user row (CASCADE).
    asks_delete(user)
