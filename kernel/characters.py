"""Characters that are not text: refused where people type, left out wherever we publish.

A control character (Unicode's Cc: C0, DEL and C1) has no place in what people
write. XML 1.0 cannot carry most of them, so one in a title makes a feed an error
or invalid XML; a line break in an email subject makes Django refuse to send it.
Tab, line feed and carriage return are text in a paragraph, but not in a name or a
title, which are one line. Publishing also leaves out the other code points XML 1.0
excludes: surrogates, U+FFFE and U+FFFF.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
_LINE_BREAKS_AND_TABS = "\t\n\r"
_NOT_IN_XML = "\ud800-\udfff\ufffe\uffff"

_IN_TEXT = re.compile(f"[{_CONTROLS}{_NOT_IN_XML}]")
_IN_ONE_LINE = re.compile(f"[{_LINE_BREAKS_AND_TABS}{_CONTROLS}{_NOT_IN_XML}]")


def strip_control_characters(value):
    """``value`` without the characters this module is about; tab and line breaks stay.

    Strings are cleaned; lists, tuples and dicts are cleaned all through, so one call
    covers a whole row or document; anything else (numbers, dates) comes back as it is.
    """
    if isinstance(value, str):
        return _IN_TEXT.sub("", value)
    if isinstance(value, dict):
        return {key: strip_control_characters(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(strip_control_characters(item) for item in value)
    return value


def validate_text(value: str) -> None:
    """For text that may run over several lines: no control character but tab and line breaks."""
    if _IN_TEXT.search(value):
        raise ValidationError(
            _(
                "This has an invisible control character in it, often pasted in from "
                "another program. Please retype the text around it."
            ),
            code="control_characters",
        )


def is_one_line(value: str) -> bool:
    """No tab, line break or other control character: a name, a title, a query string."""
    return not _IN_ONE_LINE.search(value)


def validate_one_line(value: str) -> None:
    """For names and titles: one line, with no tab, line break or other control character."""
    if not is_one_line(value):
        raise ValidationError(
            _(
                "This must be one line, without line breaks, tabs or invisible control "
                "characters (often pasted in from another program)."
            ),
            code="control_characters",
        )
