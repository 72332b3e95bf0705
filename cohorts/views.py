from allauth.account.adapter import get_adapter
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import selectors, services
from .emails import send_invitation
from .forms import (
    AcceptInvitationForm,
    ChangeRoleForm,
    CohortForm,
    InterestForm,
    InviteByEmailForm,
    InviteInterestedForm,
)
from .models import Cohort, CohortStatus, ExpressionOfInterest, Invitation, Issue, Membership
from .permissions import can_form_cohorts, can_manage_cohort


def organisation_from(cleaned_data):
    if cleaned_data.get("organisation"):
        return cleaned_data["organisation"]
    if cleaned_data.get("new_organisation"):
        return services.organisation_find_or_create(name=cleaned_data["new_organisation"])
    return None


def error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


# --- Public issue pages -----------------------------------------------------


def issue_list(request):
    issues = selectors.issues_with_cohort_counts()
    return render(request, "cohorts/issue_list.html", {"issues": issues})


def issue_detail(request, slug, interest_form=None):
    issue = get_object_or_404(Issue, slug=slug)
    my_interest = None
    if request.user.is_authenticated:
        my_interest = (
            ExpressionOfInterest.objects.filter(user=request.user, issue=issue)
            .select_related("organisation")
            .first()
        )
        if interest_form is None:
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
            with transaction.atomic():
                services.interest_save(
                    user=request.user,
                    issue=issue,
                    organisation=organisation_from(form.cleaned_data),
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
    return issue_detail(request, slug, interest_form=form)


@login_required
@require_POST
def interest_withdraw(request, slug):
    issue = get_object_or_404(Issue, slug=slug)
    if services.interest_withdraw(user=request.user, issue=issue):
        messages.success(request, _("Your interest is withdrawn. Nobody will see it now."))
    return redirect(issue.get_absolute_url())


# --- Forming cohorts (the Facilitators group) -------------------------------


def require_former(request):
    if not can_form_cohorts(request.user):
        raise PermissionDenied(_("Only facilitators can form cohorts."))


@login_required
def issue_forming(request, slug):
    require_former(request)
    issue = get_object_or_404(Issue, slug=slug)
    context = {
        "issue": issue,
        "interest_groups": selectors.interests_by_sector(issue),
        "cohorts": selectors.cohorts_for_issue(issue),
    }
    return render(request, "cohorts/issue_forming.html", context)


@login_required
def cohort_create(request, slug):
    require_former(request)
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


# --- Members' pages -----------------------------------------------------------


def member_cohort(request, slug) -> Cohort:
    """The cohort, if the viewer is a member (or staff); otherwise 404, as if it did not exist."""
    cohorts = (
        Cohort.objects.all() if request.user.is_staff else Cohort.objects.for_member(request.user)
    )
    return get_object_or_404(cohorts.select_related("issue"), slug=slug)


def managed_cohort(request, slug) -> Cohort:
    """Members who do not run the cohort are told so (403); anyone else gets a 404."""
    cohort = member_cohort(request, slug)
    if not can_manage_cohort(request.user, cohort):
        raise PermissionDenied(_("Only this cohort's facilitators can do that."))
    return cohort


@login_required
def cohort_list(request):
    return render(
        request, "cohorts/cohort_list.html", {"memberships": selectors.my_cohorts(request.user)}
    )


@login_required
def cohort_detail(request, slug):
    cohort = member_cohort(request, slug)
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


@login_required
def cohort_history(request, slug):
    cohort = managed_cohort(request, slug)
    page = Paginator(selectors.events_for_history(cohort), 50).get_page(request.GET.get("page"))
    return render(request, "cohorts/cohort_history.html", {"cohort": cohort, "page_obj": page})


@login_required
def cohort_invitations(request, slug):
    """The formation page: who is interested, who is invited, and the agency mix."""
    cohort = managed_cohort(request, slug)
    email_form = InviteByEmailForm()
    if request.method == "POST":
        email_form = invite(request, cohort)
        if email_form is None:
            return redirect("cohorts:invitations", slug=cohort.slug)
    formation = selectors.formation(cohort)
    context = {
        "cohort": cohort,
        "email_form": email_form,
        "interest_groups": selectors.interests_by_sector(cohort.issue, formation.status_by_email),
        "invitations": selectors.invitations_for_management(cohort),
        "mix": formation.mix,
        "places_taken": formation.places_taken,
        "role_choices": InviteInterestedForm.base_fields["role"].choices,
    }
    return render(request, "cohorts/cohort_invitations.html", context)


def invite(request, cohort):
    """Invite from the interest list or by address. None when done; else the form to re-show."""
    from_list = "interest" in request.POST
    form = InviteInterestedForm(request.POST) if from_list else InviteByEmailForm(request.POST)
    if not form.is_valid():
        if from_list:
            messages.error(request, _("That invitation could not be sent: choose a role."))
            return None
        return form
    details = {"email": form.cleaned_data.get("email")}
    if from_list:
        interest = get_object_or_404(
            ExpressionOfInterest.objects.select_related("user"),
            pk=form.cleaned_data["interest"],
            issue=cohort.issue,
        )
        details = {
            "email": interest.user.email,
            "organisation": interest.organisation,
            "role_in_organisation": interest.role_in_organisation,
        }
    try:
        with transaction.atomic():
            invitation, token = services.invitation_create(
                cohort=cohort, role=form.cleaned_data["role"], invited_by=request.user, **details
            )
            delivery = send_invitation(request=request, invitation=invitation, token=token)
    except ValidationError as error:
        if from_list:
            messages.error(request, error_text(error))
            return None
        form.add_error(None, error)
        return form
    if delivery.sent is False:
        warn_not_sent(request, invitation)
    else:
        messages.success(
            request,
            _("Invitation sent to %(email)s, valid for 14 days.") % {"email": invitation.email},
        )
    return None


def warn_not_sent(request, invitation):
    messages.warning(
        request,
        _(
            "The invitation to %(email)s is saved, but its email could not be sent. "
            "Try “Resend” in a few minutes."
        )
        % {"email": invitation.email},
    )


def managed_invitation(request, slug, pk) -> Invitation:
    cohort = managed_cohort(request, slug)
    return get_object_or_404(Invitation.objects.select_related("cohort"), pk=pk, cohort=cohort)


@login_required
@require_POST
def invitation_resend(request, slug, pk):
    invitation = managed_invitation(request, slug, pk)
    try:
        with transaction.atomic():
            invitation, token = services.invitation_resend(
                invitation=invitation, actor=request.user
            )
            delivery = send_invitation(request=request, invitation=invitation, token=token)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        if delivery.sent is False:
            warn_not_sent(request, invitation)
            return redirect("cohorts:invitations", slug=slug)
        messages.success(
            request,
            _("A new link is on its way to %(email)s; the old one no longer works.")
            % {"email": invitation.email},
        )
    return redirect("cohorts:invitations", slug=slug)


@login_required
@require_POST
def invitation_revoke(request, slug, pk):
    invitation = managed_invitation(request, slug, pk)
    try:
        services.invitation_revoke(invitation=invitation, actor=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(
            request, _("The invitation to %(email)s is revoked.") % {"email": invitation.email}
        )
    return redirect("cohorts:invitations", slug=slug)


def managed_membership(request, slug, pk) -> Membership:
    cohort = managed_cohort(request, slug)
    return get_object_or_404(
        Membership.objects.select_related("user", "cohort"), pk=pk, cohort=cohort
    )


@login_required
@require_POST
def member_role(request, slug, pk):
    membership = managed_membership(request, slug, pk)
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
    membership = managed_membership(request, slug, pk)
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


@login_required
def cohort_status(request, slug, status):
    cohort = managed_cohort(request, slug)
    if status not in (CohortStatus.ACTIVE, CohortStatus.CLOSED):
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


# --- Invitation links -----------------------------------------------------------


def invitation(request, token):
    """Open an invitation link: sign up or sign in if needed, then confirm and join."""
    try:
        invitation = services.invitation_for_token(token)
    except services.InvitationUnusable as unusable:
        status = 404 if unusable.reason == "unknown" else 410
        return render(
            request, "cohorts/invitation_unusable.html", {"reason": unusable.reason}, status=status
        )

    if not request.user.is_authenticated:
        # Following the link proves the address: allauth marks it verified if used to sign up.
        get_adapter(request).stash_verified_email(request, invitation.email)
        here = request.get_full_path()
        context = {
            "invitation": invitation,
            "signup_url": reverse("account_signup")
            + "?"
            + urlencode({"email": invitation.email, "next": here}),
            "login_url": reverse("account_login") + "?" + urlencode({"next": here}),
        }
        return render(request, "cohorts/invitation_welcome.html", context)

    if Membership.objects.filter(user=request.user, cohort=invitation.cohort).exists():
        messages.info(request, _("You are already a member of this cohort."))
        return redirect(invitation.cohort.get_absolute_url())

    data = request.POST if request.method == "POST" else None  # an empty POST still submits
    form = AcceptInvitationForm(data, invitation=invitation, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():  # a typed organisation is kept only if the person joins
                services.invitation_accept(
                    token=token,
                    user=request.user,
                    organisation=organisation_from(form.cleaned_data),
                    role_in_organisation=form.cleaned_data.get("role_in_organisation", ""),
                )
        except services.InvitationUnusable as unusable:
            return render(
                request, "cohorts/invitation_unusable.html", {"reason": unusable.reason}, status=410
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Welcome to %(cohort)s.") % {"cohort": invitation.cohort.name}
            )
            return redirect(invitation.cohort.get_absolute_url())
    return render(
        request, "cohorts/invitation_accept.html", {"invitation": invitation, "form": form}
    )
