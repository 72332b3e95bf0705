"""The header's links, and which of them is current: decided here and nowhere else."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _


@dataclass
class NavLink:
    label: str
    url: str
    current: str = ""  # the aria-current value: "page", "true" (a page within it) or ""
    counts_unread: bool = False  # shows the unread notifications beside its label


def navigation(request):
    """``main_nav`` and ``account_nav`` for the header.

    The link whose address is the page's own is ``aria-current="page"``; on a page below
    one (an issue below "Shared issues"), the link with the longest matching address is
    ``aria-current="true"``, so the reader still sees which part of the site they are in.
    """
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated)
    main = [
        NavLink(_("Home"), "/"),
        NavLink(_("Shared issues"), reverse("cohorts:issue_list")),
        NavLink(_("Weeknotes"), "/weeknotes/"),
        NavLink(_("Search"), reverse("cms:search")),
    ]
    account = []  # "Sign out" is a form, so the header adds it
    if signed_in:
        main += [
            NavLink(_("My cohorts"), reverse("cohorts:cohort_list")),
            NavLink(_("Inquiries"), reverse("inquiries:list")),
        ]
        account += [
            NavLink(_("Notifications"), reverse("notifications:list"), counts_unread=True),
            NavLink(_("Your page"), reverse("accounts:me")),  # the start page; it links the profile
        ]
        if user.is_staff or user.has_perm("wagtailadmin.access_admin"):
            account.append(NavLink(_("Admin"), reverse("wagtailadmin_home")))
    else:
        account += [
            NavLink(_("Sign in"), reverse("account_login")),
            NavLink(_("Create an account"), reverse("account_signup")),
        ]
    _mark_current(main + account, getattr(request, "path", ""))
    return {"main_nav": main, "account_nav": account}


def _mark_current(links, path):
    if not path:
        return
    for link in links:
        if link.url == path:
            link.current = "page"
            return
    within = [link for link in links if link.url != "/" and path.startswith(link.url)]
    if within:
        max(within, key=lambda link: len(link.url)).current = "true"
