"""Tags that pages of other apps use for a person's cohorts (``accounts`` may not import us)."""

from django import template

from .. import selectors

register = template.Library()


@register.inclusion_tag("cohorts/includes/start_page.html", takes_context=True)
def start_page_cohorts(context):
    """The start page's (``/me/``) list of my cohorts and my role in each."""
    return {"memberships": list(selectors.my_cohorts(context["request"].user))}
