"""Tags other apps' pages use (a cohort page, in ``cohorts``, may not import this app; it
loads these tags instead), and filters of our own pages.
"""

from django import template

from .. import selectors, steps

register = template.Library()


@register.inclusion_tag("inquiries/includes/cohort_inquiries.html", takes_context=True)
def cohort_inquiries(context, cohort):
    """The section of a cohort's page listing the inquiries its viewer may see."""
    user = context["request"].user
    return {"inquiries": selectors.inquiries_for_cohort(user=user, cohort=cohort)}


@register.filter
def suggested_step(cycle):
    """The one next step of an open cycle (``steps.suggested_step``), for its main button."""
    return steps.suggested_step(cycle)


@register.inclusion_tag("inquiries/includes/start_page.html", takes_context=True)
def start_page_inquiries(context):
    """The start page's (``/me/``) sections from this app: open cycles and unread news."""
    user = context["request"].user
    return {
        "cycles": selectors.open_cycles_of(user=user),
        "has_inquiry": selectors.inquiries_of(user=user).exists(),
        "notifications": selectors.unread_notifications_of(user=user),
    }
