"""The one place where text people write becomes HTML.

``render_markdown`` turns Markdown into HTML with Python-Markdown, then cleans
it with bleach: a small allowlist of tags and attributes, and links only to
``http``, ``https`` and ``mailto`` addresses. bleach's own protocol check lets
``javascript:`` through when only digits follow the colon (it reads it as a
host and port), so every ``href`` that survives bleach is checked again here,
after removing what browsers ignore in a URL (whitespace and control
characters). Every link gets ``rel="nofollow noopener"``.
"""

import re
import threading

import bleach
import markdown
from bleach.html5lib_shim import Filter

ALLOWED_TAGS = frozenset(
    {
        "a",
        "blockquote",
        "br",
        "code",
        "em",
        "h2",
        "h3",
        "h4",
        "hr",
        "li",
        "ol",
        "p",
        "pre",
        "strong",
        "ul",
    }
)
ALLOWED_ATTRIBUTES = {"a": ["href", "title"]}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow noopener"

# What browsers drop from a URL before reading its scheme: ASCII control
# characters, spaces and tabs or newlines anywhere in it.
_IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f-\x9f]+")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")


def is_safe_url(url: str) -> bool:
    """True for an absolute http, https or mailto address, and nothing else."""
    compact = _IGNORED_IN_URL.sub("", url).lower()
    match = _SCHEME.match(compact)
    if not match or match.group(1) not in ALLOWED_PROTOCOLS:
        return False
    if match.group(1) in {"http", "https"}:
        return compact.startswith(f"{match.group(1)}://") and len(compact) > len(match.group(0)) + 2
    return len(compact) > len("mailto:")


class _SafeLinks(Filter):
    """Drop any href our own check refuses, and mark every link nofollow noopener."""

    def __iter__(self):
        for token in super().__iter__():
            if token["type"] in {"StartTag", "EmptyTag"} and token["name"] == "a":
                attrs = dict(token.get("data") or {})
                href = attrs.get((None, "href"))
                if href is not None and not is_safe_url(href):
                    del attrs[(None, "href")]
                attrs[(None, "rel")] = LINK_REL
                token["data"] = attrs
            yield token


# A bleach Cleaner (its HTML parser) keeps state while it works: one per thread.
_local = threading.local()


def _cleaner() -> bleach.Cleaner:
    if not hasattr(_local, "cleaner"):
        _local.cleaner = bleach.Cleaner(
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            protocols=ALLOWED_PROTOCOLS,
            strip=True,
            strip_comments=True,
            filters=[_SafeLinks],
        )
    return _local.cleaner


def render_markdown(text: str) -> str:
    """Markdown in, clean HTML out: safe to show as it is."""
    html = markdown.markdown(text or "", extensions=["sane_lists"], output_format="html")
    return _cleaner().clean(html).strip()
