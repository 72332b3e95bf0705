"""Inquiry pages. Every object is fetched through ``visible_to``: what a person may
not see answers 404, the same as what does not exist. Writes go through services."""

import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Max
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cohorts.models import Membership
from kernel.text import render_markdown

from . import notifications as notifications_module
from . import selectors, services
from .forms import (
    CommentForm,
    CycleCloseForm,
    CycleStartForm,
    EntryEditForm,
    EntryForm,
    InquiryEditForm,
    InquiryForm,
    NotificationSettingsForm,
    PhaseForm,
    VisibilityForm,
)
from .models import (
    Comment,
    Cycle,
    Entry,
    EntryKind,
    Inquiry,
    Notification,
    NotificationSettings,
    Visibility,
)


def _visible_inquiry(request, pk):
    return get_object_or_404(
        Inquiry.objects.visible_to(request.user).select_related("owner", "cohort"), pk=pk
    )


def _own_inquiry(request, pk):
    """For writing: others' inquiries, even readable ones, do not exist here."""
    return get_object_or_404(
        Inquiry.objects.visible_to(request.user)
        .filter(owner=request.user)
        .select_related("owner", "cohort"),
        pk=pk,
    )


def handles_read_only(view):
    """A write refused because the cohort closed or the owner left: say so, plainly (403)."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except services.ReadOnly as error:
            return _read_only(request, error.inquiry, error)

    return wrapper


def _writable(request, inquiry):
    services.check_writable(inquiry=inquiry, user=request.user)
    return inquiry


def _read_only(request, inquiry, error):
    return render(
        request, "inquiries/read_only.html", {"inquiry": inquiry, "reason": error}, status=403
    )


def _apply_errors(form, error: ValidationError):
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


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
            _apply_errors(form, error)
        else:
            messages.success(request, _("Your inquiry is started. Begin with a first cycle."))
            return redirect(inquiry)
    return render(request, "inquiries/inquiry_form.html", {"form": form})


@login_required
def inquiry_detail(request, pk):
    inquiry = _visible_inquiry(request, pk)
    is_owner = inquiry.owner_id == request.user.pk
    can_write = is_owner and Inquiry.objects.writable_by(request.user).filter(pk=pk).exists()
    owner_left = (
        is_owner
        and not can_write
        and not Membership.objects.filter(user=request.user, cohort=inquiry.cohort_id).exists()
    )
    page = selectors.inquiry_timeline(inquiry=inquiry, page_number=request.GET.get("page"))
    cycles = list(page.object_list)
    inquiry_comments = selectors.attach_comments(inquiry=inquiry, cycles=cycles)
    can_comment = Inquiry.objects.commentable_by(request.user).filter(pk=pk).exists()
    return render(
        request,
        "inquiries/inquiry_detail.html",
        {
            "inquiry": inquiry,
            "page_obj": page,
            "cycles": cycles,
            "inquiry_comments": inquiry_comments,
            "can_comment": can_comment,
            "is_owner": is_owner,
            "can_write": can_write,
            "owner_left": owner_left,
            "visibility_form": VisibilityForm(initial={"visibility": inquiry.visibility})
            if is_owner
            else None,
            "phase_choices": PhaseForm.base_fields["phase"].choices,
        },
    )


@login_required
@handles_read_only
def inquiry_edit(request, pk):
    inquiry = _writable(request, _own_inquiry(request, pk))
    form = InquiryEditForm(request.POST or None, instance=inquiry)
    if request.method == "POST" and form.is_valid():
        try:
            services.inquiry_update(inquiry=inquiry, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Your inquiry is saved."))
            return redirect(inquiry)
    return render(request, "inquiries/inquiry_edit.html", {"form": form, "inquiry": inquiry})


@login_required
@require_POST
def inquiry_visibility(request, pk):
    inquiry = _own_inquiry(request, pk)
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


@login_required
@handles_read_only
def cycle_start(request, pk):
    inquiry = _writable(request, _own_inquiry(request, pk))
    previous = inquiry.cycles.order_by("-number").first()
    initial = {"intention": previous.next_step} if previous and previous.next_step else None
    form = CycleStartForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            cycle = services.cycle_start(inquiry=inquiry, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(
                request, _("Cycle %(number)s started: plan.") % {"number": cycle.number}
            )
            return redirect(inquiry)
    return render(
        request,
        "inquiries/cycle_start.html",
        {"form": form, "inquiry": inquiry, "previous": previous},
    )


def _own_cycle(request, pk, number):
    inquiry = _writable(request, _own_inquiry(request, pk))
    return get_object_or_404(Cycle.objects.filter(inquiry=inquiry), number=number)


@login_required
@require_POST
@handles_read_only
def cycle_phase(request, pk, number):
    cycle = _own_cycle(request, pk, number)
    form = PhaseForm(request.POST)
    if form.is_valid():
        try:
            services.cycle_set_phase(
                cycle=cycle, user=request.user, phase=form.cleaned_data["phase"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("Cycle %(number)s is now in its %(phase)s phase.")
                % {"number": cycle.number, "phase": cycle.get_phase_display()},
            )
    return redirect(cycle.inquiry)


@login_required
@handles_read_only
def cycle_close(request, pk, number):
    cycle = _own_cycle(request, pk, number)
    form = CycleCloseForm(request.POST or None, instance=cycle)
    if request.method == "POST" and form.is_valid():
        try:
            services.cycle_close(cycle=cycle, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Cycle %(number)s closed.") % {"number": cycle.number})
            return redirect(cycle.inquiry)
    return render(
        request,
        "inquiries/cycle_close.html",
        {"form": form, "cycle": cycle, "inquiry": cycle.inquiry},
    )


@login_required
@handles_read_only
def entry_create(request, pk, number, kind):
    cycle = _own_cycle(request, pk, number)
    inquiry = cycle.inquiry
    if kind not in EntryKind.values:
        return redirect(inquiry)
    organisations = services.cohort_organisations(cohort=inquiry.cohort)
    form = EntryForm(request.POST or None, kind=kind, organisations=organisations)
    preview = None
    if request.method == "POST" and form.is_valid():
        if "preview" in request.POST:
            preview = render_markdown(form.cleaned_data["body"])
        else:
            data = form.cleaned_data
            try:
                services.entry_create(
                    cycle=cycle,
                    user=request.user,
                    kind=kind,
                    body=data["body"],
                    occurred_on=data.get("occurred_on"),
                    with_whom=data.get("with_whom", ""),
                    organisations=data.get("organisations", ()),
                )
            except ValidationError as error:
                _apply_errors(form, error)
            else:
                messages.success(request, _("Saved in cycle %(number)s.") % {"number": number})
                return redirect(f"{inquiry.get_absolute_url()}#cycle-{number}")
    return render(
        request,
        "inquiries/entry_form.html",
        {
            "form": form,
            "cycle": cycle,
            "inquiry": inquiry,
            "kind": kind,
            "kind_label": EntryKind(kind).label,
            "preview": preview,
        },
    )


def _own_entry(request, pk, entry_pk, write=True):
    inquiry = _own_inquiry(request, pk)
    if write:
        _writable(request, inquiry)
    return get_object_or_404(
        Entry.objects.visible_to(request.user)
        .filter(cycle__inquiry=inquiry)
        .select_related("cycle__inquiry__cohort"),
        pk=entry_pk,
    )


@login_required
@handles_read_only
def entry_edit(request, pk, entry_pk):
    entry = _own_entry(request, pk, entry_pk)
    inquiry = entry.cycle.inquiry
    organisations = services.cohort_organisations(cohort=inquiry.cohort)
    form = EntryEditForm(
        request.POST or None,
        instance=entry,
        kind=entry.kind,
        organisations=organisations,
        initial={"version": entry.version},
    )
    preview = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if "preview" in request.POST:
            preview = render_markdown(data["body"])
        else:
            try:
                services.entry_update(
                    entry=entry,
                    user=request.user,
                    body=data["body"],
                    expected_version=data["version"],
                    occurred_on=data.get("occurred_on"),
                    with_whom=data.get("with_whom"),
                    organisations=data.get("organisations"),
                )
            except services.EditConflict as conflict:
                return render(
                    request,
                    "inquiries/entry_conflict.html",
                    {
                        "inquiry": inquiry,
                        "entry": conflict.current,
                        "form": _conflict_form(conflict.current, data["body"], organisations),
                        "yours": data["body"],
                    },
                    status=409,
                )
            except ValidationError as error:
                _apply_errors(form, error)
            else:
                messages.success(request, _("Your changes are saved; the earlier text is kept."))
                return redirect(f"{inquiry.get_absolute_url()}#entry-{entry.pk}")
    return render(
        request,
        "inquiries/entry_form.html",
        {
            "form": form,
            "cycle": entry.cycle,
            "inquiry": inquiry,
            "entry": entry,
            "kind": entry.kind,
            "kind_label": entry.get_kind_display(),
            "preview": preview,
        },
    )


def _conflict_form(current, your_body, organisations):
    """A fresh form on the current version, holding the text this person typed."""
    form = EntryEditForm(
        instance=current,
        kind=current.kind,
        organisations=organisations,
        initial={"version": current.version, "body": your_body},
    )
    return form


@login_required
def entry_revisions(request, pk, entry_pk):
    entry = _own_entry(request, pk, entry_pk, write=False)
    return render(
        request,
        "inquiries/entry_revisions.html",
        {"entry": entry, "inquiry": entry.cycle.inquiry, "revisions": entry.revisions.all()},
    )


# Comments (issue 5)


@login_required
@require_POST
@handles_read_only
def comment_create(request, pk):
    inquiry = _visible_inquiry(request, pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        entry = parent = None
        if data["entry"]:
            entry = get_object_or_404(
                Entry.objects.visible_to(request.user).filter(cycle__inquiry=inquiry),
                pk=data["entry"],
            )
        if data["parent"]:
            parent = get_object_or_404(
                Comment.objects.visible_to(request.user).filter(inquiry=inquiry),
                pk=data["parent"],
            )
        try:
            comment = services.comment_create(
                inquiry=inquiry, author=request.user, body=data["body"], entry=entry, parent=parent
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Your comment is posted."))
            return redirect(f"{inquiry.get_absolute_url()}#comment-{comment.pk}")
    return render(request, "inquiries/comment_form.html", {"form": form, "inquiry": inquiry})


def _own_comment(request, pk, comment_pk):
    inquiry = _visible_inquiry(request, pk)
    return get_object_or_404(
        Comment.objects.visible_to(request.user).filter(
            inquiry=inquiry, author=request.user, removed_at__isnull=True
        ),
        pk=comment_pk,
    )


@login_required
@handles_read_only
def comment_edit(request, pk, comment_pk):
    comment = _own_comment(request, pk, comment_pk)
    inquiry = comment.inquiry
    services.check_comment_author(comment=comment, user=request.user)
    form = CommentForm(request.POST or None, initial={"body": comment.body})
    if request.method == "POST" and form.is_valid():
        try:
            services.comment_update(
                comment=comment, user=request.user, body=form.cleaned_data["body"]
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Your comment is saved."))
            return redirect(f"{inquiry.get_absolute_url()}#comment-{comment.pk}")
    return render(
        request,
        "inquiries/comment_form.html",
        {"form": form, "inquiry": inquiry, "comment": comment},
    )


@login_required
@require_POST
@handles_read_only
def comment_remove(request, pk, comment_pk):
    comment = _own_comment(request, pk, comment_pk)
    services.comment_remove(comment=comment, user=request.user)
    messages.success(request, _("Your comment is removed. Replies to it stay."))
    return redirect(f"{comment.inquiry.get_absolute_url()}#comment-{comment.pk}")


# Notifications (issue 5)

NOTIFICATIONS_PER_PAGE = 20


@login_required
def notification_list(request):
    """/me/notifications/: newest first. A line names only what its reader can see now."""
    page = Paginator(
        Notification.objects.for_user(request.user).select_related("actor", "inquiry"),
        NOTIFICATIONS_PER_PAGE,
    ).get_page(request.GET.get("page"))
    notifications = list(page.object_list)
    visible = set(
        Inquiry.objects.visible_to(request.user)
        .filter(pk__in={n.inquiry_id for n in notifications})
        .values_list("pk", flat=True)
    )
    for notification in notifications:
        notification.line = notifications_module.line(
            notification, visible=notification.inquiry_id in visible
        )
    return render(
        request,
        "inquiries/notification_list.html",
        {"page_obj": page, "notifications": notifications},
    )


@login_required
def notification_open(request, pk):
    """Mark it read and go to what it is about (a 404 there if it is no longer visible)."""
    notification = get_object_or_404(
        Notification.objects.for_user(request.user).select_related("comment"), pk=pk
    )
    if notification.read_at is None:
        Notification.objects.filter(pk=pk).update(read_at=timezone.now())
    url = reverse("inquiries:detail", args=[notification.inquiry_id])
    entry_id = notification.entry_id or (notification.comment and notification.comment.entry_id)
    cycle = (
        Cycle.objects.visible_to(request.user).filter(entries=entry_id).first()
        if entry_id
        else None
    )
    if cycle is not None:
        newest = Cycle.objects.filter(inquiry=cycle.inquiry_id).aggregate(n=Max("number"))["n"]
        page = (newest - cycle.number) // selectors.CYCLES_PER_PAGE + 1
        if page > 1:
            url += f"?page={page}"
    return redirect(url + notification.anchor)


@login_required
@require_POST
def notification_settings(request):
    settings_row, _created = NotificationSettings.objects.get_or_create(user=request.user)
    form = NotificationSettingsForm(request.POST, instance=settings_row)
    if form.is_valid():
        form.save()
        messages.success(request, _("Your email choice is saved."))
    else:
        messages.error(request, _("Choose which emails you want."))
    return redirect("accounts:me")
