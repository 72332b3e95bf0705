"""Weeknote drafts on other apps' pages (``inquiries`` and ``accounts`` may not import
``cms``): the inquiry page's way to a draft, and the start page's list of drafts."""

from django import template

from cms.drafts.models import DraftState
from cms.drafts.selectors import drafts_to_read, my_drafts

register = template.Library()


@register.inclusion_tag("cms/drafts/includes/draft_link.html", takes_context=True)
def draft_weeknote_link(context, inquiry, cycle):
    """The "Draft a weeknote" link under a cycle, for its inquiry's owner, once the cycle
    holds an entry. The page passes its inquiry and has the cycles' entries prefetched."""
    user = context["request"].user
    offered = inquiry.owner_id == user.pk and bool(cycle.entries.all())
    return {"cycle": cycle, "offered": offered}


START_PAGE_DRAFTS = 5


@register.inclusion_tag("cms/drafts/includes/start_page.html", takes_context=True)
def start_page_drafts(context):
    """The start page's (``/me/``) weeknote drafts not yet published: mine, and those of
    the people I coach that I may read."""
    user = context["request"].user
    unpublished = my_drafts(user).exclude(state=DraftState.PUBLISHED)
    return {
        "drafts": list(unpublished[:START_PAGE_DRAFTS]),
        "to_read": list(drafts_to_read(user)[:START_PAGE_DRAFTS]),
    }
