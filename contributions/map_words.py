"""The map's sentences, in one place: the picture, the table and the summaries say the same."""

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def month_name(month) -> str:
    return date_format(month, "F Y")


def evidence(link) -> str:
    """'7 logged actions', '1 offer of help taken up', or both joined by 'and'."""
    actions = link.count - link.offers
    parts = []
    if actions:
        parts.append(
            ngettext("%(n)d logged action", "%(n)d logged actions", actions) % {"n": actions}
        )
    if link.offers:
        parts.append(
            ngettext("%(n)d offer of help taken up", "%(n)d offers of help taken up", link.offers)
            % {"n": link.offers}
        )
    return _(" and ").join(parts)


def link_sentence(link, month) -> str:
    """'Police and the health board worked together in 7 logged actions, 3 of them in …'."""
    together = _("%(a)s and %(b)s worked together in %(evidence)s") % {
        "a": link.a.name,
        "b": link.b.name,
        "evidence": evidence(link),
    }
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
        "%(links)d line joins two that worked together, thicker with more logged actions "
        "and offers of help taken up.",
        "%(organisations)d organisations of the cohort, on a circle by sector; "
        "%(links)d lines join two that worked together, thicker with more logged actions "
        "and offers of help taken up.",
        len(relationship_map.links),
    ) % {
        "organisations": len(relationship_map.organisations),
        "links": len(relationship_map.links),
    }
