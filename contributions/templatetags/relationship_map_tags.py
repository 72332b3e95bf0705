"""The cohort page's small relationship map (``cohorts`` may not import us; it loads this)."""

from django import template
from django.utils import timezone
from django.utils.translation import gettext as _

from ..map_views import map_context
from ..relationships import relationship_map

register = template.Library()


@register.inclusion_tag("contributions/includes/cohort_map.html", takes_context=True)
def cohort_relationship_map(context, cohort):
    """A small, all-time version of the map, as its viewer may see it, linking to the page."""
    the_map = relationship_map(context["request"].user, cohort, today=timezone.localdate())
    title = _("Relationship map of %(cohort)s, all time") % {"cohort": cohort.name}
    return {
        "cohort": cohort,
        "small": True,
        **map_context(the_map, title=title, id_prefix="cohort-map"),
    }
