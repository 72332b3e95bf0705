"""RSS 2.0 and Atom feeds of published weeknotes, taking the same filters as the index.

The ``Feed`` classes give plain text, and HTML only where they say so (the whole
weeknote); the two feed generators write each as its element requires, and leave
out what XML 1.0 cannot carry, so a stray control character never breaks a feed.
"""

import html
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from kernel.characters import strip_control_characters

from .models import WeeknotePage, absolute_url
from .weeknote_filters import WeeknoteFilter, filters_querystring, read_filters

FEED_LENGTH = 20
INDEX_PATH = "/weeknotes/"


def _as_html(text: str) -> str:
    """Plain text as HTML that shows it as it is (quotes need no escape outside attributes)."""
    return html.escape(text, quote=False)


class _Publishable:
    """Every field of the feed and of each item without the characters XML 1.0 cannot carry."""

    def __init__(self, **kwargs):
        super().__init__(**strip_control_characters(kwargs))

    def add_item(self, **kwargs):
        super().add_item(**strip_control_characters(kwargs))


class _RssWithContent(_Publishable, Rss201rev2Feed):
    """RSS 2.0 whose description carries the whole weeknote.

    RSS does not say whether a title is text or HTML, and readers take it either way:
    titles go as escaped HTML, which shows as typed where read as HTML and never runs.
    """

    def __init__(self, *, title, **kwargs):
        super().__init__(title=_as_html(title), **kwargs)

    def add_item(self, *, title, **kwargs):
        super().add_item(title=_as_html(title), **kwargs)


class _AtomWithContent(_Publishable, Atom1Feed):
    """Atom with the summary in <summary> and the whole weeknote in <content>.

    Atom says what each element holds: titles are text; the summary and the content
    are HTML (type="html"), so the summary, plain text, is escaped.
    """

    def add_item(self, *, description, **kwargs):
        super().add_item(description=_as_html(description), **kwargs)

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content_html"):
            handler.addQuickElement("content", item["content_html"], {"type": "html"})


class WeeknoteRssFeed(Feed):
    feed_type = _RssWithContent

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return read_filters(request.GET)

    def title(self, filters):
        if not filters:
            return _("Cylch weeknotes")
        shown = ", ".join(
            f"{WeeknoteFilter(name).label}: {value}" for name, value in filters.items()
        )
        return _("Cylch weeknotes (%(filters)s)") % {"filters": shown}

    def description(self, filters):
        return _("Weeknotes from people across public services learning together, in the open.")

    def link(self, filters):
        query = filters_querystring(filters)
        return INDEX_PATH + (f"?{query}" if query else "")

    def feed_guid(self, filters):
        return absolute_url(self.link(filters))

    def items(self, filters):
        weeknotes = WeeknotePage.objects.published().with_relations().matching(filters)
        return list(weeknotes[:FEED_LENGTH])

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return item.public_url(self.request)

    def item_guid(self, item):
        # Stable whatever the page's address or the host asked becomes: a tag URI
        # (RFC 4151) from the site's configured address and the page's id.
        return f"tag:{urlsplit(settings.SITE_URL).hostname},2026:weeknote:{item.pk}"

    item_guid_is_permalink = False

    def item_description(self, item):
        return self._content(item)

    def _content(self, item):
        # Feed readers show the content away from our site: image addresses are absolute.
        body = item.body.render_as_block(context={"request": self.request, "absolute_urls": True})
        return f"<p>{_as_html(item.summary)}</p>\n{body}"

    def item_author_name(self, item):
        return ", ".join(author.name for author in item.authors.all()) or None

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at


class WeeknoteAtomFeed(WeeknoteRssFeed):
    feed_type = _AtomWithContent

    def subtitle(self, filters):
        return self.description(filters)

    def item_description(self, item):
        return item.summary  # plain text: _AtomWithContent makes it the HTML <summary> holds

    def item_extra_kwargs(self, item):
        return {"content_html": self._content(item)}


# A Feed keeps the request on itself, so each request gets its own instance.
def rss(request):
    return WeeknoteRssFeed()(request)


def atom(request):
    return WeeknoteAtomFeed()(request)
