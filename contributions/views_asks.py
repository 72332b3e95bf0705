"""/cohorts/<slug>/asks/: a cohort's asks, asking, closing, offering help and its thread.

Every page is for members of the cohort, in any role; anyone else gets 404, as if
nothing were there. A thread answers 404 to all but the asker and the offerer.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cohorts.models import Cohort
from kernel.form_errors import add_service_errors

from . import asks
from .asks_forms import AskCloseForm, AskForm, MessageForm, OfferForm
from .models import Ask


def _cohort(request, slug) -> Cohort:
    """The cohort, for its members only (staff who are not members too get 404)."""
    return get_object_or_404(
        Cohort.objects.for_member(request.user).select_related("issue"), slug=slug
    )


def _ask(request, slug, pk) -> Ask:
    cohort = _cohort(request, slug)
    ask = get_object_or_404(
        Ask.objects.visible_to(request.user).select_related("author", "organisation", "inquiry"),
        cohort=cohort,
        pk=pk,
    )
    ask.cohort = cohort
    return ask


def _offer(request, slug, pk, offer_pk):
    ask = _ask(request, slug, pk)
    offer = get_object_or_404(
        asks.offers_visible_to(request.user).select_related("offerer", "organisation"),
        ask=ask,
        pk=offer_pk,
    )
    offer.ask = ask
    return offer


@login_required
def ask_list(request, slug):
    cohort = _cohort(request, slug)
    page = asks.asks_page(user=request.user, cohort=cohort, page_number=request.GET.get("page"))
    return render(
        request,
        "contributions/asks/ask_list.html",
        {
            "cohort": cohort,
            "page_obj": page,
            "asks": page.object_list,
        },
    )


@login_required
def ask_create(request, slug):
    cohort = _cohort(request, slug)
    if cohort.is_closed:
        messages.info(request, _("This cohort is closed: nothing new can be asked in it."))
        return redirect("contributions:ask_list", cohort.slug)
    form = AskForm(request.POST or None, user=request.user, cohort=cohort)
    if request.method == "POST" and form.is_valid():
        try:
            ask = asks.ask_create(author=request.user, cohort=cohort, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your ask is posted. Everyone in your cohort can see it."))
            return redirect(ask)
    return render(request, "contributions/asks/ask_form.html", {"cohort": cohort, "form": form})


def _ask_page(request, ask, *, offer_form=None, close_form=None):
    user = request.user
    is_asker = ask.author_id == user.pk
    offers = asks.ask_offers_for(ask=ask, user=user)
    return render(
        request,
        "contributions/asks/ask_detail.html",
        {
            "cohort": ask.cohort,
            "ask": ask,
            "is_asker": is_asker,
            "offers": offers,
            "offer_count": ask.offers.count(),
            "inquiry_readable": bool(asks.readable_inquiry_ids(user, [ask])),
            "offer_form": offer_form or (OfferForm() if asks.may_offer(ask, user) else None),
            "close_form": close_form
            or (AskCloseForm() if is_asker and ask.is_open and not ask.cohort.is_closed else None),
        },
    )


@login_required
def ask_detail(request, slug, pk):
    return _ask_page(request, _ask(request, slug, pk))


@login_required
@require_POST
def ask_close(request, slug, pk):
    ask = _ask(request, slug, pk)
    form = AskCloseForm(request.POST)
    if form.is_valid():
        try:
            asks.ask_close(ask=ask, user=request.user, note=form.cleaned_data["closing_note"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your ask is closed. Thank you for saying how it went."))
            return redirect(ask)
    return _ask_page(request, ask, close_form=form)


@login_required
@require_POST
def offer_create(request, slug, pk):
    ask = _ask(request, slug, pk)
    form = OfferForm(request.POST)
    if form.is_valid():
        try:
            offer = asks.offer_create(ask=ask, offerer=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Your offer is sent. %(name)s has been told and can reply here.")
                % {"name": ask.author.public_name},
            )
            return redirect(offer)
    return _ask_page(request, ask, offer_form=form)


@login_required
def offer_thread(request, slug, pk, offer_pk):
    offer = _offer(request, slug, pk, offer_pk)
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            asks.offer_reply(offer=offer, author=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your message is sent."))
            return redirect(offer)
    ask = offer.ask
    return render(
        request,
        "contributions/asks/offer_thread.html",
        {
            "cohort": ask.cohort,
            "ask": ask,
            "offer": offer,
            "thread": asks.thread_of(offer),
            "is_asker": ask.author_id == request.user.pk,
            "form": form if not ask.cohort.is_closed and offer.offerer_id else None,
        },
    )


@login_required
@require_POST
def offer_take_up(request, slug, pk, offer_pk):
    offer = _offer(request, slug, pk, offer_pk)
    try:
        asks.offer_take_up(offer=offer, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("You took up the offer. %(name)s has been told.")
            % {"name": offer.offerer.public_name},
        )
    return redirect(offer)
