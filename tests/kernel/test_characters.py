"""kernel/characters.py: control characters refused where people type, left out where we publish."""

import datetime
import unicodedata
import xml.etree.ElementTree as ET  # noqa: S405 - parses only what the test builds

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from kernel.characters import strip_control_characters, validate_one_line, validate_text

CONTROLS = "\x00\x01\x08\x0b\x0c\x0e\x1b\x1f\x7f\x80\x85\x9f"


def test_control_characters_go_and_tab_and_line_breaks_stay():
    assert strip_control_characters(f"a{CONTROLS}b\tc\nd\re\ufffe\uffff") == "ab\tc\nd\re"


def test_other_text_stays_as_it_is():
    text = "Café — 水 🙂 \u200b\u202e <b>&amp;</b> \u00a0 \u2028"
    assert strip_control_characters(text) == text


def test_rows_and_documents_are_cleaned_all_through_and_the_rest_left_alone():
    day = datetime.date(2026, 10, 5)
    value = {"title": "a\x01b", "tags": ["c\x02", ("d\x03",)], "id": 7, "day": day, "none": None}

    assert strip_control_characters(value) == {
        "title": "ab",
        "tags": ["c", ("d",)],
        "id": 7,
        "day": day,
        "none": None,
    }


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_what_is_left_is_always_text_xml_can_carry(text):
    cleaned = strip_control_characters(text)

    assert all(
        char in "\t\n\r" or unicodedata.category(char) not in ("Cc", "Cs") for char in cleaned
    )
    element = ET.fromstring(f"<t>{cleaned.replace('&', '&amp;').replace('<', '&lt;')}</t>")  # noqa: S314
    assert (element.text or "") == cleaned.replace("\r\n", "\n").replace("\r", "\n")


@pytest.mark.parametrize("text", ["Walking the route", "Two\nlines\r\nand\ta tab", ""])
def test_text_with_only_tab_and_line_breaks_is_accepted(text):
    validate_text(text)


@pytest.mark.parametrize("char", list(CONTROLS))
def test_text_with_a_control_character_is_refused_with_a_clear_message(char):
    with pytest.raises(ValidationError, match="invisible control character"):
        validate_text(f"What{char} we learned")


@pytest.mark.parametrize("char", ["\n", "\r", "\t", *CONTROLS])
def test_a_name_or_title_must_be_one_line(char):
    validate_one_line("Nia Evans — Café 水")
    with pytest.raises(ValidationError, match="must be one line"):
        validate_one_line(f"Nia{char}Evans")
