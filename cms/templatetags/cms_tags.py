from django import template
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from cms.models import WeeknotePage
from cms.weeknote_filters import WeeknoteFilter, filters_querystring

register = template.Library()

ISSUE_PAGE_WEEKNOTES = 5


@register.inclusion_tag("cms/includes/issue_weeknotes.html")
def issue_weeknotes(issue):
    """The section of a shared issue's page (a ``cohorts`` page) with its latest weeknotes."""
    weeknotes = WeeknotePage.objects.published().for_listing().filter(issue=issue)
    return {"issue": issue, "weeknotes": list(weeknotes[:ISSUE_PAGE_WEEKNOTES])}


@register.simple_tag
def filter_label(choices, name, slug):
    """The human name of an active filter on the weeknote index."""
    return choices.label(name, slug)


@register.simple_tag
def remove_filter(filters, name):
    """The query string of the index without one filter (and back on its first page)."""
    rest = {key: value for key, value in filters.items() if key != name}
    return f"?{filters_querystring(rest)}" if rest else ""


@register.simple_tag
def filter_name(name):
    return WeeknoteFilter(name).label


@register.simple_tag
def filter_options(choices, chosen):
    """A filter's ``<option>``s, the chosen one selected. Written here rather than by a
    template loop, which took most of the weeknote index's rendering: at 10,000
    weeknotes the four filters offer some 250 options."""
    selected = mark_safe(" selected")
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((slug, selected if slug == chosen else "", name) for slug, name in choices),
    )
