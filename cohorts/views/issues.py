"""The public pages of the shared issues, and saying "I'm interested" in one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import selectors, services
from ..forms import InterestForm
from ..models import Issue
from ..permissions import can_form_cohorts


def issue_list(request):
    issues = selectors.issues_with_cohort_counts()
    return render(request, "cohorts/issue_list.html", {"issues": issues})


def issue_detail(request, slug):
    return render_issue_page(request, get_object_or_404(Issue, slug=slug))


def render_issue_page(request, issue: Issue, interest_form: InterestForm | None = None):
    """The issue's page; a signed-in viewer gets the interest form, filled with what they said."""
    my_interest = selectors.interest_of(user=request.user, issue=issue)
    if request.user.is_authenticated and interest_form is None:
        initial = {}
        if my_interest:
            initial = {
                "organisation": my_interest.organisation,
                "role_in_organisation": my_interest.role_in_organisation,
                "wants_to_work_on": my_interest.wants_to_work_on,
            }
        interest_form = InterestForm(initial=initial)
    context = {
        "issue": issue,
        "cohorts": selectors.cohorts_for_issue(issue),
        "my_interest": my_interest,
        "interest_form": interest_form,
        "can_form": can_form_cohorts(request.user),
    }
    return render(request, "cohorts/issue_detail.html", context)


@login_required
def interest_save(request, slug):
    if request.method != "POST":
        return redirect(reverse("cohorts:issue_detail", args=[slug]) + "#interest")
    issue = get_object_or_404(Issue, slug=slug)
    form = InterestForm(request.POST)
    if form.is_valid():
        try:
            services.interest_save(
                user=request.user,
                issue=issue,
                organisation=form.cleaned_data["organisation"],
                new_organisation_name=form.cleaned_data["new_organisation"],
                role_in_organisation=form.cleaned_data["role_in_organisation"],
                wants_to_work_on=form.cleaned_data["wants_to_work_on"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _(
                    "Thank you: your interest is saved. Facilitators forming cohorts "
                    "for this issue can see it."
                ),
            )
            return redirect(reverse("cohorts:issue_detail", args=[slug]) + "#interest")
    return render_issue_page(request, issue, interest_form=form)


@login_required
@require_POST
def interest_withdraw(request, slug):
    issue = get_object_or_404(Issue, slug=slug)
    if services.interest_withdraw(user=request.user, issue=issue):
        messages.success(request, _("Your interest is withdrawn. Nobody will see it now."))
    return redirect(issue.get_absolute_url())
