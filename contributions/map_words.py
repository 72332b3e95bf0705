"""The map's sentences, in one place: the picture, the table and the summaries say the same."""

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def month_name(month) -> str:
    return date_format(month, "F Y")


class LinkWords:
    """The sentences saying what a link stands for, in the month called out. Made once for
    a whole map: a cohort of 60 has hundreds of links, and looking up the same words
    again for each took most of the time to draw its map."""

    def __init__(self, month):
        self.month = month_name(month)
        self.together = _("%(a)s and %(b)s worked together in %(evidence)s")
        self.none_in_month = _("%(together)s, none of them in %(month)s.")
        self.some_in_month = _("%(together)s, %(in_month)d of them in %(month)s.")
        self.joined = _(" and ")
        self._evidence = {}

    def evidence(self, link) -> str:
        """'7 logged actions', '1 offer of help taken up', or both joined by 'and'."""
        counts = (link.count - link.offers, link.offers)
        if counts not in self._evidence:
            self._evidence[counts] = self._evidence_of(*counts)
        return self._evidence[counts]

    def _evidence_of(self, actions: int, offers: int) -> str:
        parts = []
        if actions:
            parts.append(
                ngettext("%(n)d logged action", "%(n)d logged actions", actions) % {"n": actions}
            )
        if offers:
            parts.append(
                ngettext("%(n)d offer of help taken up", "%(n)d offers of help taken up", offers)
                % {"n": offers}
            )
        return self.joined.join(parts)

    def sentence(self, link) -> str:
        """'Police and the health board worked together in 7 logged actions, 3 of them in …'."""
        together = self.together % {
            "a": link.a.name,
            "b": link.b.name,
            "evidence": self.evidence(link),
        }
        if link.in_month == 0:
            return self.none_in_month % {"together": together, "month": self.month}
        return self.some_in_month % {
            "together": together,
            "in_month": link.in_month,
            "month": self.month,
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
