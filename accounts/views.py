from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .forms import ProfileForm


@login_required
def profile(request):
    """/me/: who I am on Cylch, and the name others see."""
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile is saved."))
        return redirect("accounts:me")
    return render(request, "accounts/profile.html", {"form": form})
