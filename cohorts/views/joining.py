"""The link an invited person follows: sign up or sign in if needed, then confirm and join."""

from allauth.account.adapter import get_adapter
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from .. import selectors, services
from ..forms import AcceptInvitationForm
from ..models import Role
from ..services import InvitationUnusable, UnusableReason


def invitation(request, token):
    """Open an invitation link: sign up or sign in if needed, then confirm and join."""
    try:
        invitation = services.invitation_for_token(token)
    except InvitationUnusable as unusable:
        # The link is the accept form's one-time key: sent again, it answers as the first did.
        joined = (
            request.method == "POST"
            and request.user.is_authenticated
            and services.invitation_accepted_by(token=token, user=request.user)
        )
        if joined:
            return welcome(request, joined)
        return unusable_link(request, unusable.reason)

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

    if selectors.is_member(user=request.user, cohort=invitation.cohort):
        messages.info(request, _("You are already a member of this cohort."))
        return redirect(invitation.cohort.get_absolute_url())

    data = request.POST if request.method == "POST" else None  # an empty POST still submits
    form = AcceptInvitationForm(data, invitation=invitation, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.invitation_accept(
                token=token,
                user=request.user,
                organisation=form.cleaned_data.get("organisation"),
                new_organisation_name=form.cleaned_data.get("new_organisation", ""),
                role_in_organisation=form.cleaned_data.get("role_in_organisation", ""),
            )
        except InvitationUnusable as unusable:
            return unusable_link(request, unusable.reason)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return welcome(request, membership)
    return render(
        request, "cohorts/invitation_accept.html", {"invitation": invitation, "form": form}
    )


def welcome(request, membership):
    """A participant's next step is their inquiry: they go straight to starting it."""
    cohort = membership.cohort
    if membership.role == Role.PARTICIPANT:
        messages.success(
            request,
            _(
                "Welcome to %(cohort)s. Your next step: start your inquiry, the question "
                "you will work on in cycles of plan, act, observe and reflect."
            )
            % {"cohort": cohort.name},
        )
        return redirect(f"{reverse('inquiries:create')}?cohort={cohort.pk}")
    messages.success(request, _("Welcome to %(cohort)s.") % {"cohort": cohort.name})
    return redirect(cohort.get_absolute_url())


def unusable_link(request, reason: UnusableReason):
    """Why the link cannot be used: a link we never made is 404, one that was good is gone."""
    status = 404 if reason == UnusableReason.UNKNOWN else 410
    return render(request, "cohorts/invitation_unusable.html", {"reason": reason}, status=status)
