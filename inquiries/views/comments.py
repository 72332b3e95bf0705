"""Comments on an inquiry or an entry, replies, and an author editing or removing theirs."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kernel.form_errors import add_service_errors

from .. import permissions, services
from ..forms import CommentForm
from ..models import Comment, Entry
from .access import handles_read_only, own_comment, visible_inquiry


@login_required
@require_POST
@handles_read_only
def comment_create(request, pk):
    inquiry = visible_inquiry(request, pk)
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
                inquiry=inquiry,
                author=request.user,
                body=data["body"],
                entry=entry,
                parent=parent,
                submission_key=data["submission_key"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your comment is posted."))
            return redirect(f"{inquiry.get_absolute_url()}#comment-{comment.pk}")
    return render(request, "inquiries/comment_form.html", {"form": form, "inquiry": inquiry})


@login_required
@handles_read_only
def comment_edit(request, pk, comment_pk):
    comment = own_comment(request, pk, comment_pk)
    inquiry = comment.inquiry
    permissions.may_change_comment(comment=comment, user=request.user).enforce()
    form = CommentForm(request.POST or None, initial={"body": comment.body})
    if request.method == "POST" and form.is_valid():
        try:
            services.comment_update(
                comment=comment, user=request.user, body=form.cleaned_data["body"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
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
    comment = own_comment(request, pk, comment_pk)
    services.comment_remove(comment=comment, user=request.user)
    messages.success(request, _("Your comment is removed. Replies to it stay."))
    return redirect(f"{comment.inquiry.get_absolute_url()}#comment-{comment.pk}")
