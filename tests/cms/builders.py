"""Build weeknote pages in tests, the way the admin does: under the index, as revisions."""

import datetime
import itertools

from wagtail.models import PageViewRestriction

from cms.models import WeeknoteAuthor, WeeknoteIndexPage, WeeknotePage

_numbers = itertools.count(1)


def weeknote_index() -> WeeknoteIndexPage:
    return WeeknoteIndexPage.objects.get()


def make_weeknote(
    *,
    title=None,
    authors=(),
    tags=(),
    issue=None,
    cohort=None,
    week_of=datetime.date(2026, 10, 5),
    summary=None,
    body=None,
    publish=True,
    parent=None,
) -> WeeknotePage:
    """A weeknote under the index; published unless publish=False (then a draft, never live)."""
    number = next(_numbers)
    title = title or f"Weeknote number {number}"
    page = WeeknotePage(
        title=title,
        slug=f"weeknote-{number}",
        week_of=week_of,
        summary=summary or f"What we learned in week {number}.",
        body=body
        if body is not None
        else [("paragraph", f"<p>The body of weeknote {number}.</p>")],
        issue=issue,
        cohort=cohort,
        live=publish,
    )
    for order, user in enumerate(authors):
        page.authors.add(WeeknoteAuthor(user=user, sort_order=order))
    if tags:
        page.tags.add(*tags)
    (parent or weeknote_index()).add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
        page.refresh_from_db()
    return page


def make_private(page) -> None:
    """A Wagtail view restriction: only signed-in people may read it."""
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
