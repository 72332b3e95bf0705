from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from . import deletion
from .export import export_zip
from .forms import DeleteAccountForm, ProfileForm


@login_required
def start(request):
    """/me/: where a signed-in person starts. Each section comes from its own app through
    a template tag (this app may import none of them): open cycles and their next step,
    unread notifications, weeknote drafts, cohorts."""
    return render(request, "accounts/start.html")


@login_required
def profile(request):
    """/me/profile/: who I am on Cylch, the name others see, and which emails I get."""
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile is saved."))
        return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"form": form})


@login_required
def export(request):
    """/me/export/: what the download of everything I wrote holds, and the button."""
    return render(request, "accounts/export.html")


@login_required
def export_download(request):
    """The zip itself, sent while it is written (accounts/export.py)."""
    response = StreamingHttpResponse(export_zip(request.user), content_type="application/zip")
    filename = f"cylch-export-{timezone.localdate().isoformat()}.zip"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def delete_account(request):
    """/me/delete/: what goes and what stays, the export offered first, then the password.
    Refused, and said why, while a cohort would be left without a facilitator."""
    user = request.user
    refusals = deletion.refusals(user)
    form = DeleteAccountForm(request.POST or None, user=user)
    if request.method == "POST" and not refusals and form.is_valid():
        keep = form.cleaned_data["byline"] == "keep"
        try:
            deletion.delete_account(user, deletion.DeletionChoices(keep_byline=keep))
        except ValidationError as refused:  # a facilitator's cohort changed meanwhile
            refusals = refused.messages
        else:
            logout(request)
            return redirect("accounts:deleted")
    context = {"form": form, "refusals": refusals, "counts": deletion.counts(user)}
    return render(request, "accounts/delete.html", context)


def account_deleted(request):
    """Where a person lands once their account has gone, signed out."""
    return render(request, "accounts/deleted.html")
