"""The inquiry page's way to a weeknote draft: ``inquiries`` may not import ``cms``, so
its template loads this tag instead."""

from django import template

register = template.Library()


@register.inclusion_tag("cms/drafts/includes/draft_link.html", takes_context=True)
def draft_weeknote_link(context, cycle):
    """ "Draft a weeknote" under a cycle, for its inquiry's owner, once it holds an entry."""
    user = context["request"].user
    offered = cycle.inquiry.owner_id == user.pk and bool(cycle.entries.all())
    return {"cycle": cycle, "offered": offered}
