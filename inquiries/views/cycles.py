"""An inquiry's cycles: starting one, moving it through its phases, closing it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kernel.form_errors import add_service_errors

from .. import services
from ..forms import CycleCloseForm, CycleStartForm, PhaseForm
from .access import handles_read_only, writable_cycle, writable_inquiry

# The close form's main button: close, then start the next cycle from its "what next".
START_NEXT = "start-next"


@login_required
@handles_read_only
def cycle_start(request, pk):
    inquiry = writable_inquiry(request, pk)
    previous = inquiry.cycles.order_by("-number").first()
    if request.method == "GET" and previous and not previous.is_closed:
        # Only one cycle at a time: lead to where this one is closed. (A form sent
        # goes on to the service, which knows a second send of the same form.)
        messages.info(
            request,
            _("Cycle %(number)s is still open. Close it here; then you can start the next one.")
            % {"number": previous.number},
        )
        return redirect("inquiries:cycle_close", inquiry.pk, previous.number)
    initial = {"intention": previous.next_step} if previous and previous.next_step else None
    form = CycleStartForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            cycle = services.cycle_start(inquiry=inquiry, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Cycle %(number)s started: plan.") % {"number": cycle.number}
            )
            return redirect(inquiry)
    return render(
        request,
        "inquiries/cycle_start.html",
        {"form": form, "inquiry": inquiry, "previous": previous},
    )


@login_required
@require_POST
@handles_read_only
def cycle_phase(request, pk, number):
    cycle = writable_cycle(request, pk, number)
    form = PhaseForm(request.POST)
    if form.is_valid():
        try:
            services.cycle_set_phase(
                cycle=cycle, user=request.user, phase=form.cleaned_data["phase"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("Cycle %(number)s is now in its %(phase)s phase.")
                % {"number": cycle.number, "phase": cycle.get_phase_display()},
            )
    return redirect(cycle.inquiry)


@login_required
@handles_read_only
def cycle_close(request, pk, number):
    cycle = writable_cycle(request, pk, number)
    form = CycleCloseForm(request.POST or None, instance=cycle)
    if request.method == "POST" and form.is_valid():
        try:
            services.cycle_close(cycle=cycle, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Cycle %(number)s closed.") % {"number": cycle.number})
            if request.POST.get("then") == START_NEXT:
                return redirect("inquiries:cycle_start", cycle.inquiry_id)
            return redirect(cycle.inquiry)
    return render(
        request,
        "inquiries/cycle_close.html",
        {"form": form, "cycle": cycle, "inquiry": cycle.inquiry, "start_next": START_NEXT},
    )
