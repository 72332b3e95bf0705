"""Asks on other apps' pages: the cohort page's "Where could I help?" (``cohorts`` may not
import us; its template loads this library)."""

from django import template

from .. import asks

register = template.Library()


@register.inclusion_tag("contributions/asks/where_could_i_help.html", takes_context=True)
def where_could_i_help(context, cohort):
    """Open asks of others in the cohort, those naming my organisation or sector first."""
    user = context["request"].user
    if not asks.is_member(user, cohort):
        return {"cohort": cohort, "shown": False}
    return {
        "cohort": cohort,
        "shown": True,
        "asks": asks.where_could_i_help(user=user, cohort=cohort),
    }
