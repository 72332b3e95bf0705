"""The inquiry page's regions have names of their own, and the preview takes the focus."""

import datetime
import re
from collections import Counter

import pytest
from django.urls import reverse

from inquiries.models import Comment
from tests.factories import CycleFactory, EntryFactory

pytestmark = pytest.mark.django_db


def region_names(page):
    return re.findall(r'<section [^>]*aria-label="([^"]+)"', page)


def test_every_comments_region_on_the_inquiry_page_is_named_by_its_entry(client, world):
    inquiry = world.inquiry("cohort")
    first = inquiry.cycles.get()
    second = CycleFactory(inquiry=inquiry, number=2)
    day = datetime.date(2026, 5, 3)
    for cycle in (first, second):
        for kind in ("action", "action", "reflection"):  # two actions the same day
            EntryFactory(cycle=cycle, kind=kind, occurred_on=day)
    Comment.objects.create(inquiry=inquiry, author=world.coach, body="On it all.")
    client.force_login(world.coach)

    names = region_names(client.get(inquiry.get_absolute_url()).content.decode())

    assert len(names) == 1 + 2 * 3 + 1  # the first cycle's entry from the world, too
    assert [name for name, count in Counter(names).items() if count > 1] == []
    assert "Comments on entry 2 of cycle 2: the action log of 3 May 2026" in names
    assert "Comments on the inquiry" in names


def test_after_preview_the_focus_moves_to_the_preview(client, world):
    inquiry = world.inquiry("cohort")
    client.force_login(world.owner)

    response = client.post(
        reverse("inquiries:entry_create", args=[inquiry.pk, 1, "action"]),
        {"occurred_on": "2026-10-02", "body": "A *first* try.", "preview": "1"},
    )

    preview = re.search(r'<section class="preview"[^>]*>', response.content.decode()).group(0)
    assert 'tabindex="-1"' in preview
    assert "autofocus" in preview
