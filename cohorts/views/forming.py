"""Forming cohorts (the Facilitators group and staff): who is interested, a new cohort."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from .. import selectors, services
from ..forms import CohortForm
from ..models import Issue
from ..permissions import ensure_can_form_cohorts


@login_required
def issue_forming(request, slug):
    ensure_can_form_cohorts(request.user)
    issue = get_object_or_404(Issue, slug=slug)
    context = {
        "issue": issue,
        "interest_groups": selectors.interests_by_sector(issue),
        "cohorts": selectors.cohorts_for_issue(issue),
    }
    return render(request, "cohorts/issue_forming.html", context)


@login_required
def cohort_create(request, slug):
    ensure_can_form_cohorts(request.user)
    issue = get_object_or_404(Issue, slug=slug)
    form = CohortForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            cohort = services.cohort_create(creator=request.user, issue=issue, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("The cohort is created and you are its facilitator. Now invite people.")
            )
            return redirect("cohorts:invitations", slug=cohort.slug)
    return render(request, "cohorts/cohort_form.html", {"issue": issue, "form": form})
