"""A cohort's formation page, where its facilitators invite people, resend and revoke."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import selectors, services
from ..forms import InviteByEmailForm, InviteInterestedForm
from ..models import Cohort, ExpressionOfInterest, Invitation
from .shared import error_text, get_managed_cohort


@login_required
def cohort_invitations(request, slug):
    """The formation page: who is interested, who is invited, and the agency mix."""
    cohort = get_managed_cohort(request, slug, Cohort.objects.with_places_taken())
    email_form = InviteByEmailForm()
    if request.method == "POST":
        if "interest" in request.POST:
            invite_interested(request, cohort)
            return redirect("cohorts:invitations", slug=cohort.slug)
        email_form = InviteByEmailForm(request.POST)
        if invite_by_email(request, cohort, email_form):
            return redirect("cohorts:invitations", slug=cohort.slug)
    formation = selectors.formation(cohort)
    context = {
        "cohort": cohort,
        "email_form": email_form,
        "interest_groups": selectors.interests_by_sector(cohort.issue, formation.standing_by_email),
        "invitations": selectors.invitations_for_management(cohort),
        "mix": formation.mix,
        "places_taken": cohort.places_taken,
        "role_choices": InviteInterestedForm.base_fields["role"].choices,
    }
    return render(request, "cohorts/cohort_invitations.html", context)


def invite_interested(request, cohort: Cohort) -> None:
    """One click on the interest list: the outcome is told in a message either way."""
    form = InviteInterestedForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("That invitation could not be sent: choose a role."))
        return
    interest = get_object_or_404(
        ExpressionOfInterest.objects.select_related("user"),
        pk=form.cleaned_data["interest"],
        issue=cohort.issue,
    )
    try:
        invitation, delivery = services.invitation_send(
            cohort=cohort,
            email=interest.user.email,
            role=form.cleaned_data["role"],
            invited_by=request.user,
            organisation=interest.organisation,
            role_in_organisation=interest.role_in_organisation,
            submission_key=form.cleaned_data["submission_key"],
        )
    except ValidationError as error:
        messages.error(request, error_text(error))
        return
    tell_invitation_sent(request, invitation, delivery)


def invite_by_email(request, cohort: Cohort, form: InviteByEmailForm) -> bool:
    """Invite the address typed; False, with the form's errors, if it was refused."""
    if not form.is_valid():
        return False
    try:
        invitation, delivery = services.invitation_send(
            cohort=cohort,
            email=form.cleaned_data["email"],
            role=form.cleaned_data["role"],
            invited_by=request.user,
            submission_key=form.cleaned_data["submission_key"],
        )
    except ValidationError as error:
        form.add_error(None, error)
        return False
    tell_invitation_sent(request, invitation, delivery)
    return True


def tell_invitation_sent(request, invitation, delivery) -> None:
    if delivery.sent is False:
        warn_email_not_sent(request, invitation)
    else:
        messages.success(
            request,
            _("Invitation sent to %(email)s, valid for 14 days.") % {"email": invitation.email},
        )


def warn_email_not_sent(request, invitation) -> None:
    messages.warning(
        request,
        _(
            "The invitation to %(email)s is saved, but its email could not be sent. "
            "Try “Resend” in a few minutes."
        )
        % {"email": invitation.email},
    )


def get_managed_invitation(request, slug, pk) -> Invitation:
    cohort = get_managed_cohort(request, slug)
    return get_object_or_404(Invitation.objects.select_related("cohort"), pk=pk, cohort=cohort)


@login_required
@require_POST
def invitation_resend(request, slug, pk):
    invitation = get_managed_invitation(request, slug, pk)
    try:
        invitation, delivery = services.invitation_resend(invitation=invitation, actor=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        if delivery.sent is False:
            warn_email_not_sent(request, invitation)
        else:
            messages.success(
                request,
                _("A new link is on its way to %(email)s; the old one no longer works.")
                % {"email": invitation.email},
            )
    return redirect("cohorts:invitations", slug=slug)


@login_required
@require_POST
def invitation_revoke(request, slug, pk):
    invitation = get_managed_invitation(request, slug, pk)
    try:
        services.invitation_revoke(invitation=invitation, actor=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(
            request, _("The invitation to %(email)s is revoked.") % {"email": invitation.email}
        )
    return redirect("cohorts:invitations", slug=slug)
