"""The cohort's board of what each of us wants to achieve, and the owner's chain form."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from cohorts.views.shared import get_visible_cohort
from inquiries.views.access import handles_read_only, writable_inquiry
from kernel.form_errors import add_service_errors

from .chain_forms import ChainForm
from .chains import chain_of, chain_save


@login_required
def board(request, slug):
    """Members only (404 for others, as every member page). Each part of the board is an
    inclusion tag that reads what it shows, so a part is added in the template alone."""
    cohort = get_visible_cohort(request, slug)
    return render(request, "contributions/board.html", {"cohort": cohort})


@login_required
@handles_read_only
def chain_edit(request, slug, pk):
    """Only the inquiry's owner, while they may write in it: others' inquiries are not
    found here (404), a closed cohort says why (403)."""
    inquiry = writable_inquiry(request, pk)
    if inquiry.cohort.slug != slug:
        raise Http404
    form = ChainForm(request.POST or None, instance=chain_of(inquiry))
    if request.method == "POST" and form.is_valid():
        try:
            chain_save(inquiry=inquiry, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Saved. Whoever can read your inquiry can see what it is for.")
            )
            return redirect(inquiry)
    return render(request, "contributions/chain_form.html", {"form": form, "inquiry": inquiry})
