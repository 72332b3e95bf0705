"""How a view finds what it acts on, and how it answers a refused write.

Everything is fetched through the visibility rule, so what a person may not see
answers 404, the same as what does not exist. A write the rules refuse on a
readable inquiry (a closed cohort, an owner who left) answers 403 with the reason.
"""

import functools

from django.shortcuts import get_object_or_404, render

from .. import permissions, selectors
from ..models import Comment, Cycle, Entry, Inquiry


def visible_inquiry(request, pk, *, with_open_cycle=False) -> Inquiry:
    """With ``with_open_cycle``, it knows its ``open_cycle_number`` too, in the same query."""
    inquiries = Inquiry.objects.visible_to(request.user).select_related("owner", "cohort")
    if with_open_cycle:
        inquiries = selectors.with_open_cycle_number(inquiries)
    return get_object_or_404(inquiries, pk=pk)


def own_inquiry(request, pk) -> Inquiry:
    """For the owner's pages: others' inquiries, even readable ones, do not exist here."""
    return get_object_or_404(
        Inquiry.objects.visible_to(request.user)
        .filter(owner=request.user)
        .select_related("owner", "cohort"),
        pk=pk,
    )


def writable_inquiry(request, pk) -> Inquiry:
    """The owner's inquiry, if they may write in it now; else ``ReadOnly`` says why."""
    inquiry = own_inquiry(request, pk)
    permissions.may_write(inquiry=inquiry, user=request.user).enforce()
    return inquiry


def writable_cycle(request, pk, number) -> Cycle:
    inquiry = writable_inquiry(request, pk)
    return get_object_or_404(Cycle.objects.filter(inquiry=inquiry), number=number)


def own_entry(request, pk, entry_pk, *, to_write: bool) -> Entry:
    """An entry of the owner's inquiry; ``to_write`` also asks that they may write now."""
    inquiry = writable_inquiry(request, pk) if to_write else own_inquiry(request, pk)
    return get_object_or_404(
        Entry.objects.visible_to(request.user)
        .filter(cycle__inquiry=inquiry)
        .select_related("cycle__inquiry__cohort"),
        pk=entry_pk,
    )


def own_comment(request, pk, comment_pk) -> Comment:
    """A comment this person wrote, not removed, on an inquiry they can still see."""
    inquiry = visible_inquiry(request, pk)
    return get_object_or_404(
        Comment.objects.visible_to(request.user).filter(
            inquiry=inquiry, author=request.user, removed_at__isnull=True
        ),
        pk=comment_pk,
    )


def handles_read_only(view):
    """A write refused on a readable inquiry: say why, plainly (403)."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except permissions.ReadOnly as refused:
            return render(
                request,
                "inquiries/read_only.html",
                {"inquiry": refused.inquiry, "reason": refused.reason},
                status=403,
            )

    return wrapper
