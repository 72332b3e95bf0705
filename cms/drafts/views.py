"""Pages for weeknote drafts: my weeknotes, starting one from a cycle, writing it, the
page its coaches read and comment on, and sending it to (or back from) the editors."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from inquiries.models import Cycle
from kernel.form_errors import add_service_errors
from kernel.text import render_markdown

from . import selectors, services
from .forms import DraftCommentForm, DraftForm, DraftStartForm
from .models import WeeknoteDraft


def _readable_draft(request, pk) -> WeeknoteDraft:
    draft = selectors.draft_for_reading(user=request.user, pk=pk)
    if draft is None:
        raise Http404
    return draft


def _own_draft(request, pk) -> WeeknoteDraft:
    """The draft, for its owner; a coach who may read it is told it is not theirs."""
    draft = _readable_draft(request, pk)
    if draft.owner_id != request.user.pk:
        raise PermissionDenied(_("Only the person who wrote this draft can change it."))
    return draft


@login_required
def my_weeknotes(request):
    return render(
        request,
        "cms/drafts/my_weeknotes.html",
        {
            "drafts": selectors.my_drafts(request.user),
            "to_read": selectors.drafts_to_read(request.user),
            "weeks": selectors.rhythm(request.user),
        },
    )


@login_required
def draft_start(request, cycle_pk):
    cycle = get_object_or_404(
        Cycle.objects.select_related("inquiry"), pk=cycle_pk, inquiry__owner=request.user
    )
    form = DraftStartForm(request.POST or None, cycle=cycle)
    if request.method == "POST" and form.is_valid():
        try:
            draft = services.draft_start(
                owner=request.user,
                cycle=cycle,
                entry_ids=[entry.pk for entry in form.cleaned_data["entries"]],
                submission_key=form.cleaned_data["submission_key"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Your draft is ready. Nothing is public until an editor approves it.")
            )
            return redirect("weeknote_drafts:edit", pk=draft.pk)
    return render(
        request,
        "cms/drafts/draft_start.html",
        {"form": form, "cycle": cycle, "inquiry": cycle.inquiry},
    )


@login_required
def draft_detail(request, pk):
    return _detail_page(request, _readable_draft(request, pk), DraftCommentForm())


def _detail_page(request, draft, comment_form, status=200):
    return render(
        request,
        "cms/drafts/draft_detail.html",
        {
            "draft": draft,
            "is_owner": draft.owner_id == request.user.pk,
            "coaches": selectors.coaches_who_may_read(draft),
            "comment_form": comment_form,
        },
        status=status,
    )


@login_required
def draft_edit(request, pk):
    draft = _own_draft(request, pk)
    form = DraftForm(request.POST or None, instance=draft)
    preview = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if "preview" in request.POST:
            preview = render_markdown(data["body"])
        else:
            try:
                services.draft_update(draft=draft, user=request.user, **data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Draft saved."))
                return redirect(draft)
    return render(
        request,
        "cms/drafts/draft_form.html",
        {
            "form": form,
            "draft": draft,
            "preview": preview,
            "coaches": selectors.coaches_who_may_read(draft),
        },
    )


def _act(request, pk, action, done: str):
    """Run a POSTed action on my draft; say what happened, or why not, on its page."""
    draft = _own_draft(request, pk)
    try:
        action(draft=draft, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect(draft)


@login_required
@require_POST
def draft_submit(request, pk):
    return _act(
        request,
        pk,
        services.draft_submit,
        _("Sent to the editors. You will hear when they have read it."),
    )


@login_required
@require_POST
def draft_withdraw(request, pk):
    return _act(
        request,
        pk,
        services.draft_withdraw,
        _("Withdrawn: the editors no longer have it. It is your draft again."),
    )


@login_required
@require_POST
def draft_unpublish(request, pk):
    return _act(
        request,
        pk,
        services.request_unpublish,
        _("The editors are asked to take it down. You will see here when they have."),
    )


@login_required
@require_POST
def draft_delete(request, pk):
    draft = _own_draft(request, pk)
    try:
        services.draft_delete(draft=draft, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(draft)
    messages.success(request, _("Draft deleted."))
    return redirect("weeknote_drafts:list")


@login_required
@require_POST
def draft_comment(request, pk):
    draft = _readable_draft(request, pk)
    form = DraftCommentForm(request.POST)
    if form.is_valid():
        try:
            comment = services.comment_create(
                draft=draft,
                author=request.user,
                body=form.cleaned_data["body"],
                submission_key=form.cleaned_data["submission_key"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Comment sent."))
            return redirect(comment)
    return _detail_page(request, draft, form, status=400)
