"""The one place where text people write becomes HTML.

``render_markdown`` turns Markdown into HTML with Python-Markdown, then cleans
it with bleach against a small allowlist. It runs once, when the text is
saved; templates only ever show the stored, clean result.

Links may point only at ``http``, ``https`` and ``mailto`` addresses. bleach
checks that, and so does our own code (``is_safe_href``), because bleach lets
through ``javascript:`` followed only by digits, and a second check costs
nothing. Every link gets ``rel="nofollow noopener"``.
"""

import html
import re
import threading
import xml.etree.ElementTree as ET  # noqa: S405 - builds Markdown's tree, parses nothing
from functools import partial
from urllib.parse import urlsplit

import bleach
import markdown
from bleach.linkifier import LinkifyFilter
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

ALLOWED_TAGS = frozenset(
    {
        "a",
        "blockquote",
        "br",
        "code",
        "em",
        "h2",  # only a weeknote's body starts there (render_markdown's top_heading)
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "li",
        "ol",
        "p",
        "pre",
        "strong",
        "ul",
    }
)
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow noopener"

# Browsers drop ASCII whitespace and control characters inside a URL's scheme
# ("java\tscript:" runs), so they are removed before the scheme is read.
_IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f-\x9f]+")


def is_safe_href(value: str) -> bool:
    """True only for an absolute http, https or mailto address, in any spelling."""
    text = value
    for _ in range(3):  # entities inside entities: "&amp;#106;avascript:"
        unescaped = html.unescape(text)
        if unescaped == text:
            break
        text = unescaped
    text = _IGNORED_IN_URL.sub("", text)
    try:
        scheme = urlsplit(text).scheme.lower()
    except ValueError:
        return False
    return scheme in ALLOWED_PROTOCOLS and ":" in text and not text.startswith("//")


def _allow_attribute(tag: str, name: str, value: str) -> bool:
    if tag == "a" and name == "href":
        return is_safe_href(value)
    return tag == "a" and name == "title"


def _link_rel(attrs, new=False):
    """Linkify callback: every link is nofollow noopener; an unsafe one loses its link."""
    href = attrs.get((None, "href"))
    if href is None or not is_safe_href(href):
        attrs.pop((None, "href"), None)
        return attrs
    attrs[(None, "rel")] = LINK_REL
    return attrs


class _DemoteHeadings(Treeprocessor):
    """People's headings sit inside a page that has headings of its own: # becomes the
    page's ``top`` level (h3 under a page's h1 and h2), and the rest follow."""

    def __init__(self, md, top: int):
        super().__init__(md)
        self.shift = top - 1

    def run(self, root: ET.Element) -> None:
        for element in root.iter():
            if re.fullmatch(r"h[1-6]", element.tag):
                element.tag = f"h{min(int(element.tag[1]) + self.shift, 6)}"


class _DemoteHeadingsExtension(Extension):
    def __init__(self, top: int):
        super().__init__()
        self.top = top

    def extendMarkdown(self, md):  # noqa: N802 - Python-Markdown's name
        md.treeprocessors.register(_DemoteHeadings(md, self.top), "cylch_demote_headings", 5)


# A bleach Cleaner keeps parser state while it works, so each thread gets its own.
_local = threading.local()


def _cleaner() -> bleach.Cleaner:
    if not hasattr(_local, "cleaner"):
        _local.cleaner = bleach.Cleaner(
            tags=ALLOWED_TAGS,
            attributes=_allow_attribute,
            protocols=ALLOWED_PROTOCOLS,
            strip=False,
            strip_comments=True,
            filters=[partial(LinkifyFilter, callbacks=[_link_rel], skip_tags={"pre", "code"})],
        )
    return _local.cleaner


def render_markdown(text: str, *, top_heading: int = 3) -> str:
    """Markdown in, clean HTML out: safe to store and show as it is.

    ``top_heading`` is the level "#" takes: 3 inside our pages' own h1 and h2 (entries,
    comments, drafts); 2 in a weeknote's body, right under its title.
    """
    if not text or not text.strip():
        return ""
    rendered = markdown.markdown(
        text,
        extensions=["fenced_code", "sane_lists", _DemoteHeadingsExtension(top_heading)],
        output_format="html",
    )
    return _cleaner().clean(rendered).strip()
