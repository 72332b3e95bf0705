from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from .export import export_zip
from .forms import ProfileForm


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
