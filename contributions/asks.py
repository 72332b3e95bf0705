"""Asks and offers: who may do what, every write, and the reads the pages make.

An ask is written to its whole cohort: every member reads it (``Ask.objects.visible_to``).
Its link to an inquiry shows only to those who may read that inquiry
(``Inquiry.objects.visible_to``). An offer of help opens a thread that the asker and the
offerer alone read and write (``offers_visible_to``). In a closed cohort everything stays
readable by the same people and nothing new is written.
"""

import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, F, OuterRef, Q, Value
from django.utils import timezone
from django.utils.translation import gettext as _

from cohorts.models import Cohort, Membership, Organisation, Sector
from inquiries.models import Inquiry, NotificationKind
from inquiries.notifications import notify
from inquiries.selectors import cohort_organisations
from kernel.submissions import save_once, sent_before

from .models import Ask, AskSector, Offer, OfferMessage

ASKS_PER_PAGE = 20
WHERE_COULD_I_HELP_ITEMS = 5


# --- Who may ---


def _membership(user, cohort: Cohort):
    if not user.is_authenticated:
        return None
    memberships = Membership.objects.filter(user=user, cohort=cohort)
    return memberships.select_related("organisation").first()


def _ensure_open_cohort(cohort: Cohort) -> None:
    if cohort.is_closed:
        raise PermissionDenied(_("This cohort is closed: nothing new can be written in it."))


def _ensure_asker(ask: Ask, user) -> None:
    if ask.author_id != user.pk:
        raise PermissionDenied(_("Only the person who asked can do that."))


def may_offer(ask: Ask, user) -> bool:
    """A member other than the asker, on an open ask of an open cohort, once."""
    return (
        ask.is_open
        and not ask.cohort.is_closed
        and ask.author_id != user.pk
        and not Offer.objects.filter(ask=ask, offerer=user).exists()
    )


def offers_visible_to(user):
    """The offers whose thread this person may read: theirs, and those on their asks,
    while they are a member of the ask's cohort. Nobody else, whatever their role."""
    return Offer.objects.filter(
        Q(offerer=user) | Q(ask__author=user), ask__in=Ask.objects.visible_to(user)
    )


# --- Writes ---


@transaction.atomic
def ask_create(
    *,
    author,
    cohort: Cohort,
    title: str,
    details: str = "",
    sectors=(),
    organisations=(),
    inquiry: Inquiry | None = None,
    submission_key: uuid.UUID | None = None,
) -> Ask:
    """A new ask to the whole cohort; the same form sent twice makes one."""
    mine = Ask.objects.filter(author=author)
    if earlier := sent_before(mine, submission_key):
        return earlier
    membership = _membership(author, cohort)
    if membership is None:
        raise PermissionDenied(_("Only members of this cohort can ask it for help."))
    _ensure_open_cohort(cohort)
    if not sectors and not organisations:
        raise ValidationError(
            {"sectors": _("Name at least one sector or organisation that could help.")}
        )
    if set(sectors) - set(Sector.values):
        raise ValidationError({"sectors": _("Choose sectors from the list.")})
    allowed = set(cohort_organisations(cohort=cohort).values_list("pk", flat=True))
    if {organisation.pk for organisation in organisations} - allowed:
        raise ValidationError({"organisations": _("Choose organisations of this cohort.")})
    if inquiry is not None and (inquiry.owner_id != author.pk or inquiry.cohort_id != cohort.pk):
        raise ValidationError({"inquiry": _("Choose one of your own inquiries in this cohort.")})
    ask = Ask(
        cohort=cohort,
        author=author,
        organisation=membership.organisation,
        title=title,
        details=details,
        inquiry=inquiry,
        submission_key=submission_key,
    )
    ask.full_clean(exclude=["submission_key"])
    if earlier := save_once(ask, mine):
        return earlier
    AskSector.objects.bulk_create([AskSector(ask=ask, sector=sector) for sector in set(sectors)])
    ask.organisations.set(organisations)
    return ask


@transaction.atomic
def ask_close(*, ask: Ask, user, note: str = "") -> Ask:
    """The asker says the ask is met (or no longer needed): no more offers come."""
    _ensure_asker(ask, user)
    _ensure_open_cohort(ask.cohort)
    # Locked and read again: two sends at once close it once.
    ask = Ask.objects.select_for_update(of=("self",)).select_related("cohort").get(pk=ask.pk)
    if not ask.is_open:
        return ask  # closed already: sending the form twice changes nothing
    ask.closed_at = timezone.now()
    ask.closing_note = note
    ask.full_clean()
    ask.save(update_fields=["closed_at", "closing_note"])
    return ask


def _check_message(body: str) -> None:
    if not body or not body.strip():
        raise ValidationError({"body": _("Write a few words before you send it.")})


@transaction.atomic
def offer_create(*, ask: Ask, offerer, body: str, submission_key: uuid.UUID | None = None) -> Offer:
    """An offer of help with its first message; the asker is told. One per person and ask."""
    mine = Offer.objects.filter(offerer=offerer)
    if earlier := sent_before(mine, submission_key):
        return earlier
    membership = _membership(offerer, ask.cohort)
    if membership is None:
        raise PermissionDenied(_("Only members of this cohort can offer help."))
    _ensure_open_cohort(ask.cohort)
    if ask.author_id == offerer.pk:
        raise ValidationError(_("This is your own ask: others offer help on it."))
    if not ask.is_open:
        raise ValidationError(_("This ask is closed: it takes no more offers."))
    if earlier := Offer.objects.filter(ask=ask, offerer=offerer).first():
        return earlier  # offered already: their thread is where to write more
    _check_message(body)
    offer = Offer(
        ask=ask,
        offerer=offerer,
        organisation=membership.organisation,
        submission_key=submission_key,
    )
    if earlier := save_once(offer, mine):
        return earlier
    message = OfferMessage(offer=offer, author=offerer, body=body)
    message.full_clean()
    message.save()
    notify(
        recipients={ask.author: NotificationKind.OFFER_MADE},
        actor=offerer,
        cohort=ask.cohort,
        subject=offer,
    )
    return offer


@transaction.atomic
def offer_reply(
    *, offer: Offer, author, body: str, submission_key: uuid.UUID | None = None
) -> OfferMessage:
    """A message in the thread, from the asker or the offerer; the other is told."""
    mine = OfferMessage.objects.filter(author=author)
    if earlier := sent_before(mine, submission_key):
        return earlier
    ask = offer.ask
    if author.pk not in (ask.author_id, offer.offerer_id):
        raise PermissionDenied(_("Only the asker and the person who offered write here."))
    _ensure_open_cohort(ask.cohort)
    if offer.offerer_id is None:
        raise ValidationError(_("The person who offered has left Cylch: nobody would read it."))
    _check_message(body)
    message = OfferMessage(offer=offer, author=author, body=body, submission_key=submission_key)
    message.full_clean(exclude=["submission_key"])
    if earlier := save_once(message, mine):
        return earlier
    other = offer.offerer if author.pk == ask.author_id else ask.author
    notify(
        recipients={other: NotificationKind.OFFER_REPLY},
        actor=author,
        cohort=ask.cohort,
        subject=message,
    )
    return message


@transaction.atomic
def offer_take_up(*, offer: Offer, user) -> Offer:
    """The asker takes the offer up: the offerer is told, and the map gains a link."""
    _ensure_asker(offer.ask, user)
    _ensure_open_cohort(offer.ask.cohort)
    # Locked and read again: two sends at once (a double click, two tabs) tell the offerer once.
    offer = (
        Offer.objects.select_for_update(of=("self",))
        .select_related("ask__cohort", "offerer")
        .get(pk=offer.pk)
    )
    if offer.is_taken_up:
        return offer
    if offer.offerer_id is None:
        raise ValidationError(_("The person who offered has left Cylch."))
    offer.taken_up_at = timezone.now()
    offer.save(update_fields=["taken_up_at"])
    notify(
        recipients={offer.offerer: NotificationKind.OFFER_TAKEN_UP},
        actor=user,
        cohort=offer.ask.cohort,
        subject=offer,
    )
    return offer


# --- Reads ---


def _names_me(organisation: Organisation | None):
    """Whether an ask names the viewer's organisation in its cohort, or its sector."""
    if organisation is None:
        return Value(False)
    names_it = Ask.organisations.through.objects.filter(
        ask=OuterRef("pk"), organisation=organisation
    )
    names_its_sector = AskSector.objects.filter(ask=OuterRef("pk"), sector=organisation.sector)
    return ExpressionWrapper(
        Q(Exists(names_it)) | Q(Exists(names_its_sector)), output_field=BooleanField()
    )


def _listed(asks, membership):
    """Asks with what a list shows: the asker, what they name, how many offers; and
    ``for_me``, whether it names the viewer's organisation or sector."""
    return (
        asks.annotate(for_me=_names_me(membership.organisation), offer_count=Count("offers"))
        .select_related("author", "organisation", "cohort")
        .prefetch_related("sectors", "organisations")
    )


def where_could_i_help(*, user, cohort: Cohort) -> list[Ask] | None:
    """Open asks of others in the cohort, those naming my organisation or sector first;
    None for someone who is not a member (staff opening the cohort's page)."""
    membership = _membership(user, cohort)
    if membership is None:
        return None
    asks = Ask.objects.filter(cohort=cohort).still_open().exclude(author=user)
    listed = _listed(asks, membership).order_by("-for_me", "-created_at", "-pk")
    return list(listed[:WHERE_COULD_I_HELP_ITEMS])


def asks_page(*, user, cohort: Cohort, page_number):
    """One page of the cohort's asks, for a member: open ones first and, among them,
    those naming my organisation or sector; then the newest. Closed ones after, the
    latest closed first."""
    membership = _membership(user, cohort)
    asks = Ask.objects.visible_to(user).filter(cohort=cohort)
    listed = _listed(asks, membership).order_by(
        F("closed_at").desc(nulls_first=True), "-for_me", "-created_at", "-pk"
    )
    page = Paginator(listed, ASKS_PER_PAGE).get_page(page_number)
    page.object_list = list(page.object_list)
    return page


def readable_inquiry_ids(user, asks) -> set[int]:
    """Of the inquiries these asks link to, those ``user`` may read: only they get a link."""
    ids = {ask.inquiry_id for ask in asks if ask.inquiry_id}
    if not ids:
        return set()
    return set(Inquiry.objects.visible_to(user).filter(pk__in=ids).values_list("pk", flat=True))


def ask_offers_for(*, ask: Ask, user) -> list[Offer]:
    """The offers on an ask whose thread ``user`` may open: all of them for the asker,
    their own for an offerer, none for anyone else."""
    return list(
        offers_visible_to(user)
        .filter(ask=ask)
        .select_related("offerer", "organisation")
        .annotate(message_count=Count("messages"))
    )


def thread_of(offer: Offer) -> list[OfferMessage]:
    return list(offer.messages.select_related("author"))


def my_inquiries_in(*, user, cohort: Cohort):
    return Inquiry.objects.filter(owner=user, cohort=cohort).order_by("title")
