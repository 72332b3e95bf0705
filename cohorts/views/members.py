"""My cohorts, and a cohort's page for its members."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .. import selectors
from ..forms import ChangeRoleForm
from ..permissions import can_manage_cohort
from .shared import get_visible_cohort


@login_required
def cohort_list(request):
    return render(
        request, "cohorts/cohort_list.html", {"memberships": selectors.my_cohorts(request.user)}
    )


@login_required
def cohort_detail(request, slug):
    cohort = get_visible_cohort(request, slug)
    can_manage = can_manage_cohort(request.user, cohort)
    context = {
        "cohort": cohort,
        "members_by_organisation": selectors.members_by_organisation(cohort),
        "mix": selectors.agency_mix(cohort, include_invited=False),
        "events": selectors.recent_events(cohort, include_invitations=can_manage),
        "can_manage": can_manage,
        "role_form": ChangeRoleForm(),
    }
    return render(request, "cohorts/cohort_detail.html", context)
