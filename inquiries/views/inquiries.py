"""/inquiries/: the list, starting one, an inquiry's page, its question and who sees it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kernel.form_errors import add_service_errors

from .. import permissions, selectors, services
from ..forms import InquiryEditForm, InquiryForm, PhaseForm, VisibilityForm
from ..models import Visibility
from .access import handles_read_only, own_inquiry, visible_inquiry, writable_inquiry


@login_required
def inquiry_list(request):
    return render(
        request,
        "inquiries/inquiry_list.html",
        {
            "mine": selectors.inquiries_of(user=request.user),
            "shared": selectors.inquiries_shared_with(user=request.user),
        },
    )


@login_required
def inquiry_create(request):
    form = InquiryForm(
        request.POST or None,
        user=request.user,
        initial={"cohort": request.GET.get("cohort")} if request.GET.get("cohort") else None,
    )
    if not form.fields["cohort"].queryset.exists():
        return render(request, "inquiries/no_cohort.html")
    if request.method == "POST" and form.is_valid():
        try:
            inquiry = services.inquiry_create(owner=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your inquiry is started. Begin with a first cycle."))
            return redirect(inquiry)
    return render(request, "inquiries/inquiry_form.html", {"form": form})


@login_required
def inquiry_detail(request, pk):
    inquiry = visible_inquiry(request, pk, with_open_cycle=True)
    writing = permissions.may_write(inquiry=inquiry, user=request.user)
    is_owner = inquiry.owner_id == request.user.pk
    page = selectors.inquiry_timeline(inquiry=inquiry, page_number=request.GET.get("page"))
    cycles = list(page.object_list)
    inquiry_comments = selectors.attach_comments(inquiry=inquiry, cycles=cycles)
    return render(
        request,
        "inquiries/inquiry_detail.html",
        {
            "inquiry": inquiry,
            "page_obj": page,
            "cycles": cycles,
            "inquiry_comments": inquiry_comments,
            "writing": writing,
            "commenting": permissions.may_comment(inquiry=inquiry, user=request.user),
            "is_owner": is_owner,
            "owner_left": writing.refusal == permissions.Refusal.OWNER_LEFT,
            "visibility_form": VisibilityForm(initial={"visibility": inquiry.visibility})
            if is_owner
            else None,
            "phase_choices": PhaseForm.base_fields["phase"].choices,
        },
    )


@login_required
@handles_read_only
def inquiry_edit(request, pk):
    inquiry = writable_inquiry(request, pk)
    form = InquiryEditForm(request.POST or None, instance=inquiry)
    if request.method == "POST" and form.is_valid():
        try:
            services.inquiry_update(inquiry=inquiry, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your inquiry is saved."))
            return redirect(inquiry)
    return render(request, "inquiries/inquiry_edit.html", {"form": form, "inquiry": inquiry})


@login_required
@require_POST
def inquiry_visibility(request, pk):
    inquiry = own_inquiry(request, pk)
    form = VisibilityForm(request.POST)
    if form.is_valid():
        services.inquiry_set_visibility(
            inquiry=inquiry, user=request.user, visibility=form.cleaned_data["visibility"]
        )
        saved = {
            Visibility.PRIVATE: _("Saved: only you can see this inquiry now."),
            Visibility.COACHES: _("Saved: you and the coaches of your cohort can see it now."),
            Visibility.COHORT: _("Saved: everyone in your cohort can see it now."),
        }
        messages.success(request, saved[inquiry.visibility])
    else:
        messages.error(request, _("Choose who can see this inquiry."))
    return redirect(inquiry)
