"""Facilitators running a cohort: its history, members' roles and removals, its status."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import selectors, services
from ..forms import ChangeRoleForm
from ..models import CohortStatus, Membership
from .shared import error_text, get_managed_cohort

HISTORY_PAGE_SIZE = 50


@login_required
def cohort_history(request, slug):
    cohort = get_managed_cohort(request, slug)
    paginator = Paginator(selectors.events_for_history(cohort), HISTORY_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    return render(request, "cohorts/cohort_history.html", {"cohort": cohort, "page_obj": page})


def get_managed_membership(request, slug, pk) -> Membership:
    cohort = get_managed_cohort(request, slug)
    return get_object_or_404(
        Membership.objects.select_related("user", "cohort"), pk=pk, cohort=cohort
    )


@login_required
@require_POST
def member_role(request, slug, pk):
    membership = get_managed_membership(request, slug, pk)
    form = ChangeRoleForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Choose a role: participant, coach or facilitator."))
        services.membership_change_role(
            membership=membership, role=form.cleaned_data["role"], actor=request.user
        )
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(
            request,
            _("%(name)s is now a %(role)s.")
            % {"name": membership.user.public_name, "role": membership.get_role_display().lower()},
        )
    return redirect("cohorts:cohort_detail", slug=slug)


@login_required
def member_remove(request, slug, pk):
    membership = get_managed_membership(request, slug, pk)
    if request.method == "POST":
        try:
            services.membership_remove(membership=membership, actor=request.user)
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(
                request,
                _(
                    "%(name)s is no longer a member. What their membership let them see "
                    "is closed to them now."
                )
                % {"name": membership.user.public_name},
            )
        return redirect("cohorts:cohort_detail", slug=slug)
    return render(
        request,
        "cohorts/member_remove.html",
        {"membership": membership, "cohort": membership.cohort},
    )


# The statuses a facilitator can move a cohort to from its page.
SETTABLE_STATUSES = (CohortStatus.ACTIVE, CohortStatus.CLOSED)


@login_required
def cohort_status(request, slug, status):
    cohort = get_managed_cohort(request, slug)
    if status not in SETTABLE_STATUSES:
        raise Http404
    if request.method == "POST":
        try:
            services.cohort_set_status(cohort=cohort, status=status, actor=request.user)
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(
                request,
                _("The cohort is now %(status)s.")
                % {"status": cohort.get_status_display().lower()},
            )
        return redirect("cohorts:cohort_detail", slug=slug)
    return render(
        request, "cohorts/cohort_status.html", {"cohort": cohort, "status": CohortStatus(status)}
    )
