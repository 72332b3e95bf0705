"""What each of us wants to achieve, on other apps' pages (``cohorts`` and ``inquiries``
may not import ``contributions``) and on the board: the inquiry page's chain, the cohort
page's way to the board, and the board's part."""

from django import template

from ..chains import (
    benefit_named,
    board_chains,
    inquiries_without_chain,
    meetings,
    stated_chain_of,
    users_named,
)

register = template.Library()


@register.inclusion_tag("contributions/includes/inquiry_chain.html")
def inquiry_chain(inquiry, editable):
    """The inquiry's chain, for whoever reads the inquiry (the page fetched it through the
    visibility rule), with the way to change it when ``editable`` (the owner may write)."""
    return {"inquiry": inquiry, "chain": stated_chain_of(inquiry), "editable": editable}


@register.inclusion_tag("contributions/includes/board_link.html")
def chains_board_link(cohort):
    """The cohort page's way to its board."""
    return {"cohort": cohort}


@register.inclusion_tag("contributions/includes/chains_board.html", takes_context=True)
def chains_board(context, cohort):
    """The board's chains: shared benefits, shared users, then every chain side by side."""
    viewer = context["request"].user
    chains = board_chains(cohort=cohort, viewer=viewer)
    return {
        "cohort": cohort,
        "chains": chains,
        "shared_benefits": meetings(chains, benefit_named),
        "shared_users": meetings(chains, users_named),
        "without_chain": inquiries_without_chain(cohort=cohort, owner=viewer),
    }
