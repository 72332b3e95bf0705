"""Entries in a cycle: logging an action or writing a reflection, editing one (with a
conflict page when two tabs save the same version), and its earlier versions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kernel.form_errors import add_service_errors
from kernel.text import render_markdown

from .. import selectors, services, steps
from ..forms import EntryEditForm, EntryForm
from ..models import EntryKind
from .access import handles_read_only, own_entry, writable_cycle


@login_required
@handles_read_only
def entry_create(request, pk, number, kind):
    cycle = writable_cycle(request, pk, number)
    inquiry = cycle.inquiry
    if kind not in EntryKind.values:
        return redirect(inquiry)
    organisations = selectors.cohort_organisations(cohort=inquiry.cohort)
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
                    submission_key=data.get("submission_key"),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _saved_message(cycle, kind))
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


@login_required
@handles_read_only
def entry_edit(request, pk, entry_pk):
    entry = own_entry(request, pk, entry_pk, to_write=True)
    inquiry = entry.cycle.inquiry
    organisations = selectors.cohort_organisations(cohort=inquiry.cohort)
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
                add_service_errors(form, error)
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


def _saved_message(cycle, kind) -> str:
    """Saved, and the phase this entry suggests if the cycle has not reached it yet."""
    saved = _("Saved in cycle %(number)s.") % {"number": cycle.number}
    phase = steps.phase_to_suggest(cycle, kind)
    if phase is None:
        return saved
    return _("%(saved)s When you are ready, press “%(move)s” on the cycle.") % {
        "saved": saved,
        "move": steps.move_label(phase),
    }


def _conflict_form(current, your_body, organisations):
    """A fresh form on the current version, holding the text this person typed."""
    return EntryEditForm(
        instance=current,
        kind=current.kind,
        organisations=organisations,
        initial={"version": current.version, "body": your_body},
    )


@login_required
def entry_revisions(request, pk, entry_pk):
    entry = own_entry(request, pk, entry_pk, to_write=False)
    return render(
        request,
        "inquiries/entry_revisions.html",
        {"entry": entry, "inquiry": entry.cycle.inquiry, "revisions": entry.revisions.all()},
    )
