"""The relationship map page, /cohorts/<slug>/map/, for the cohort's members."""

import datetime

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from cohorts.views.shared import get_visible_cohort

from .map_svg import SECTOR_COLOURS, map_svg
from .map_words import LinkWords, map_description, month_name
from .relationships import cohort_months, relationship_map


def chosen_month(value: str, months) -> datetime.date | None:
    """The month asked for in ``?month=YYYY-MM`` if it is one of the cohort's; else all time."""
    return next((month for month in months if month.strftime("%Y-%m") == value), None)


def map_context(relationship_map, *, title: str, id_prefix: str) -> dict:
    """What the page and the cohort page's small version both show."""
    words = LinkWords(relationship_map.month)
    return {
        "map": relationship_map,
        "svg": map_svg(
            relationship_map,
            title=title,
            description=map_description(relationship_map),
            id_prefix=id_prefix,
        ),
        "month_name": words.month,
        "strongest": [words.sentence(link) for link in relationship_map.strongest],
        "legend": [
            (label, SECTOR_COLOURS.get(value, SECTOR_COLOURS["other"]))
            for value, label in relationship_map.sectors
        ],
    }


@login_required
def relationship_map_page(request, slug):
    cohort = get_visible_cohort(request, slug)
    today = timezone.localdate()
    months = cohort_months(cohort, today)
    month = chosen_month(request.GET.get("month", ""), months)
    the_map = relationship_map(request.user, cohort, month=month, today=today)
    if month:
        title = _("Relationship map of %(cohort)s up to the end of %(month)s") % {
            "cohort": cohort.name,
            "month": month_name(month),
        }
    else:
        title = _("Relationship map of %(cohort)s, all time") % {"cohort": cohort.name}
    context = map_context(the_map, title=title, id_prefix="relationship-map")
    context.update(
        cohort=cohort,
        months=[(m.strftime("%Y-%m"), month_name(m)) for m in months],
        selected=month.strftime("%Y-%m") if month else "",
    )
    return render(request, "contributions/relationship_map.html", context)
