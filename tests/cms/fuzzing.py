"""Text for fuzzing what publishes weeknotes: any Unicode, control characters and markup.

The text is written straight to the database, as text already stored (before the
admin refused control characters, or by another road) would be: the serialisers
must cope with whatever is there.
"""

import unicodedata

from django.db import connection
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from taggit.models import Tag

from cms.models import WeeknoteAuthor, WeeknotePage
from kernel.page_cache import forget_public_pages

# One page per test, its text changed for each example: the fixtures are shared on purpose.
FUZZ = settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

# PostgreSQL cannot store NUL in text at all, so there it can never reach a serialiser.
_UNSTORABLE = "\x00" if connection.vendor == "postgresql" else ""

MARKUP = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js>",
    "<img src=x onerror=alert(1)>",
    "<b>bold</b>",
    "&",
    "&amp;",
    "&lt;script&gt;",
    "&#60;script&#62;",
    "]]>",
    "<![CDATA[",
    '"',
    "'",
    "=SUM(A1)",
]
CONTROLS = [chr(c) for c in [*range(0x20), 0x7F, *range(0x80, 0xA0)] if chr(c) not in _UNSTORABLE]


def texts(*, pieces: int = 5, min_size: int = 0):
    """Strings of up to ``pieces`` parts, each any short text, a piece of markup or a control."""
    any_character = st.characters(exclude_categories=["Cs"], exclude_characters=_UNSTORABLE)
    piece = st.one_of(
        st.text(any_character, max_size=12),
        st.sampled_from(MARKUP),
        st.sampled_from(CONTROLS),
        st.sampled_from(["\ufffe", "\uffff"]),
    )
    return st.lists(piece, min_size=min_size, max_size=pieces).map("".join)


def visible(text: str) -> str:
    """What a reader should get of ``text``: all but control characters (tab and line
    breaks are text) and the two code points XML 1.0 excludes."""
    return "".join(
        char
        for char in text
        if char in "\t\n\r"
        or (unicodedata.category(char) != "Cc" and char not in ("\ufffe", "\uffff"))
    )


def xml_text(text: str) -> str:
    """``text`` as an XML parser gives back element content: line ends become line feeds."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def store(page: WeeknotePage, *, title: str, summary: str, tag: str, author: str) -> None:
    """Write the text into the page, its one tag and its one byline, past every validator."""
    WeeknotePage.objects.filter(pk=page.pk).update(title=title, summary=summary)
    Tag.objects.filter(cms_weeknotepagetag_items__content_object=page).update(name=tag)
    WeeknoteAuthor.objects.filter(page=page).update(name=author)
    # Updates by SQL send no signal: say the public pages changed, as whoever edits by hand must.
    forget_public_pages()
