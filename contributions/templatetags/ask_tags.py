"""Asks on other apps' pages: the cohort page's "Where could I help?" (``cohorts`` may not
import us; its template loads this library)."""

from django import template

from .. import asks

register = template.Library()


@register.inclusion_tag("contributions/asks/where_could_i_help.html", takes_context=True)
def where_could_i_help(context, cohort):
    """Open asks of others in the cohort, those naming my organisation or sector first."""
    found = asks.where_could_i_help(user=context["request"].user, cohort=cohort)
    return {"cohort": cohort, "shown": found is not None, "asks": found}
