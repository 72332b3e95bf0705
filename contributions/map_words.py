"""The map's sentences, in one place: the picture, the table and the summaries say the same."""

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def month_name(month) -> str:
    return date_format(month, "F Y")


def link_sentence(link, month) -> str:
    """'Police and the health board worked together in 7 logged actions, 3 of them in …'."""
    together = ngettext(
        "%(a)s and %(b)s worked together in %(count)d logged action",
        "%(a)s and %(b)s worked together in %(count)d logged actions",
        link.count,
    ) % {"a": link.a.name, "b": link.b.name, "count": link.count}
    if link.in_month == 0:
        return _("%(together)s, none of them in %(month)s.") % {
            "together": together,
            "month": month_name(month),
        }
    return _("%(together)s, %(in_month)d of them in %(month)s.") % {
        "together": together,
        "in_month": link.in_month,
        "month": month_name(month),
    }


def map_description(relationship_map) -> str:
    """The picture's <desc>: what it shows, in one sentence."""
    return ngettext(
        "%(organisations)d organisations of the cohort, on a circle by sector; "
        "%(links)d line joins two that worked together, thicker with more logged actions.",
        "%(organisations)d organisations of the cohort, on a circle by sector; "
        "%(links)d lines join two that worked together, thicker with more logged actions.",
        len(relationship_map.links),
    ) % {
        "organisations": len(relationship_map.organisations),
        "links": len(relationship_map.links),
    }
