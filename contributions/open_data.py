"""Open data: how often each issue's sectors worked together, month by month.

Published at /open-data/sector-links.json and .csv (through ``kernel.open_data``;
``cms`` writes the files). Only counts, never an organisation or a person:

- only action logs of inquiries that are not private count. A private inquiry is
  its owner's alone; the others are already shared with a cohort's coaches or
  members, and only their sums across sectors leave the site;
- a row (issue, month, pair of sectors) is published only when at least
  ``THRESHOLD`` actions stand behind it; smaller numbers, which could point at a
  person, are left out, not rounded.

A link between sectors is a pair of distinct organisations that took part in the
same action (the author's organisation and those named on it), seen through their
sectors; two organisations of one sector make a link inside that sector.

The files are kept in the public page cache (``kernel.page_cache``) like the
other open data. Whatever empties it for a public page (an issue, a cohort, an
organisation's sector, a membership) renews them too; so does an inquiry made
private, shared or deleted, at once: its actions must leave or join the counts
(``connect_signals``). A new or changed action log is not watched: renewing every
public page whenever anyone logs anything would leave nothing cached, so a count
may lag the logs by up to ``PUBLIC_PAGE_CACHE["TIMEOUT"]`` (10 minutes).
"""

from collections import defaultdict

from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _

from cohorts.models import Cohort, Issue, Organisation
from inquiries.models import Entry, EntryKind, Inquiry, Visibility
from kernel.open_data import Dataset
from kernel.page_cache import forget_on_change, forget_public_pages

from .relationships import month_of, organisations_per_action, pairs

THRESHOLD = 5

FIELDS = [
    ("issue", _("The slug of the shared issue, as in /issues/<slug>/.")),
    ("issue_title", _("The title of that issue.")),
    ("month", _("The month the actions took place in (YYYY-MM).")),
    ("sector_a", _("One sector (police, health, council, fire, housing, education, …).")),
    ("sector_b", _("The other sector; the same as sector_a for a link inside one sector.")),
    (
        "links",
        _("How many pairs of organisations of these sectors worked together in that month."),
    ),
    (
        "actions",
        _("How many logged actions they worked together in, in that month: always at least 5."),
    ),
]


def public_actions():
    """Action logs of inquiries that are not private, in every cohort."""
    return Entry.objects.filter(kind=EntryKind.ACTION).exclude(
        cycle__inquiry__visibility=Visibility.PRIVATE
    )


def sector_link_rows():
    """One row per issue, month and pair of sectors with at least THRESHOLD actions."""
    issue_of = dict(Cohort.objects.values_list("pk", "issue"))
    sector_of = dict(Organisation.objects.values_list("pk", "sector"))
    actions, organisation_pairs = defaultdict(set), defaultdict(set)
    for action in organisations_per_action(public_actions()):
        for a, b in pairs(action.involved):
            sectors = sorted((sector_of[a], sector_of[b]))
            key = (issue_of[action.cohort], month_of(action.on), *sectors)
            actions[key].add(action.entry)
            organisation_pairs[key].add((a, b))
    published = {key: entries for key, entries in actions.items() if len(entries) >= THRESHOLD}
    issues = Issue.objects.in_bulk({issue for issue, *_rest in published})
    return [
        {
            "issue": issues[issue].slug,
            "issue_title": issues[issue].title,
            "month": month.strftime("%Y-%m"),
            "sector_a": sector_a,
            "sector_b": sector_b,
            "links": len(organisation_pairs[key]),
            "actions": len(published[key]),
        }
        for key in sorted(published, key=lambda key: (issues[key[0]].slug, *key[1:]))
        for issue, month, sector_a, sector_b in [key]
    ]


SECTOR_LINKS = Dataset(
    name="sector-links",
    title=_("Links between sectors"),
    description=_(
        "For each shared issue and month, how often organisations of two sectors worked "
        "together in the actions people logged: counts of sectors, never organisations or "
        "people. Actions of private inquiries are left out, and a number is published only "
        "once at least five actions stand behind it."
    ),
    fields=FIELDS,
    rows=sector_link_rows,
)


def forget_when_visibility_may_change(sender, update_fields=None, **kwargs):
    # inquiries.services.inquiry_set_visibility saves that field alone. A save of every
    # field (an inquiry written or edited, or a change in the admin) may change it too;
    # saves of other fields alone (activity, status) cannot, and an action logged is
    # counted when the cache's time runs out.
    if update_fields is None or "visibility" in update_fields:
        forget_public_pages()


def connect_signals() -> None:
    uid = "contributions.open_data.inquiry"
    post_save.connect(forget_when_visibility_may_change, sender=Inquiry, dispatch_uid=f"{uid}.save")
    post_delete.connect(forget_on_change, sender=Inquiry, dispatch_uid=f"{uid}.delete")
