"""What to do next in an open cycle: one step, worked out from its phase and its entries.

The inquiry page shows it as the cycle's main button, and the message after an
entry is saved names the phase it suggests; nothing else decides what comes next.

- an entry just written whose phase the cycle has not reached: move to that phase
  (an action belongs to *act*, a reflection to *reflect*);
- plan: log an action;
- act: log an action, and once there is one, move to observe;
- observe: write a reflection;
- reflect: write a reflection, and once there is one, close the cycle.

A suggestion only: the phase changes when the person presses the button.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .models import Cycle, EntryKind, Phase

PHASE_OF_ENTRY = {EntryKind.ACTION: Phase.ACT, EntryKind.REFLECTION: Phase.REFLECT}
_ORDER = list(Phase.values)
_MOVE_LABELS = {
    Phase.ACT: _("Move to act"),
    Phase.OBSERVE: _("Move to observe"),
    Phase.REFLECT: _("Move to reflect"),
}
_WRITE_LABELS = {
    EntryKind.ACTION: _("Log an action"),
    EntryKind.REFLECTION: _("Write a reflection"),
}


@dataclass(frozen=True)
class Step:
    """One thing to do. With ``phase``, it is a POST of that phase to ``url``; else a link."""

    label: str
    url: str
    phase: str = ""
    writes: str = ""  # the kind of entry it leads to writing, if it does
    closes: bool = False


def phase_to_suggest(cycle: Cycle, kind: str) -> str | None:
    """After an entry of this kind: the phase it belongs to, if the cycle is still before it."""
    target = PHASE_OF_ENTRY[kind]
    return target if _ORDER.index(cycle.phase) < _ORDER.index(target) else None


def move_label(phase: str) -> str:
    return str(_MOVE_LABELS[phase])


def suggested_step(cycle: Cycle) -> Step | None:
    """The one next step of an open cycle (None once it is closed).

    Reads ``cycle.entries.all()``: prefetch them where many cycles are shown.
    """
    if cycle.is_closed:
        return None
    entries = list(cycle.entries.all())
    if entries:
        latest = max(entries, key=lambda entry: (entry.created_at, entry.pk))
        if phase := phase_to_suggest(cycle, latest.kind):
            return _move(cycle, phase)
    written = {entry.kind for entry in entries}
    if cycle.phase == Phase.PLAN:
        return _write(cycle, EntryKind.ACTION)
    if cycle.phase == Phase.ACT:
        if EntryKind.ACTION in written:
            return _move(cycle, Phase.OBSERVE)
        return _write(cycle, EntryKind.ACTION)
    if cycle.phase == Phase.OBSERVE or EntryKind.REFLECTION not in written:
        return _write(cycle, EntryKind.REFLECTION)
    return Step(
        label=str(_("Close this cycle")),
        url=reverse("inquiries:cycle_close", args=[cycle.inquiry_id, cycle.number]),
        closes=True,
    )


def _move(cycle: Cycle, phase: str) -> Step:
    url = reverse("inquiries:cycle_phase", args=[cycle.inquiry_id, cycle.number])
    return Step(label=move_label(phase), url=url, phase=phase)


def _write(cycle: Cycle, kind: str) -> Step:
    url = reverse("inquiries:entry_create", args=[cycle.inquiry_id, cycle.number, kind])
    return Step(label=str(_WRITE_LABELS[kind]), url=url, writes=kind)
