"""Each open cycle shows one next step; a new cycle waits for the open one, and closing it
leads straight to the next with its "what next" carried into the plan."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cohorts.models import Role
from inquiries import services, steps
from inquiries.forms import REFLECTION_PROMPTS
from inquiries.models import Cycle, Entry, Notification
from tests.factories import CycleFactory, EntryFactory, InquiryFactory, MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(client):
    membership = MembershipFactory(role=Role.PARTICIPANT)
    client.force_login(membership.user)
    return membership


@pytest.fixture
def coach(member):
    return MembershipFactory(cohort=member.cohort, role=Role.COACH).user


@pytest.fixture
def cycle(member, coach):
    inquiry = InquiryFactory(owner=member.user, cohort=member.cohort, visibility="coaches")
    return CycleFactory(inquiry=inquiry, number=1, intention="Sit in on the drop-in clinic.")


def text(response):
    return response.content.decode()


def entry_url(cycle, kind):
    return reverse("inquiries:entry_create", args=[cycle.inquiry_id, cycle.number, kind])


def main_step(page):
    """The label of the cycle's main button, under "Next step"."""
    found = re.search(
        r'class="cycle__next">.*?(?:<button type="submit">|class="button" [^>]*>)'
        r"([^<]+)<",
        page,
        re.S,
    )
    return found and found.group(1)


# The rule, in inquiries/steps.py


@pytest.mark.parametrize(
    ("phase", "written", "label", "then"),
    [
        ("plan", [], "Log an action", "action"),
        ("plan", ["action"], "Move to act", "act"),
        ("act", [], "Log an action", "action"),
        ("act", ["action"], "Move to observe", "observe"),
        ("act", ["action", "reflection"], "Move to reflect", "reflect"),
        ("observe", ["action"], "Write a reflection", "reflection"),
        ("observe", ["action", "reflection"], "Move to reflect", "reflect"),
        ("reflect", ["action"], "Write a reflection", "reflection"),
        ("reflect", ["reflection"], "Close this cycle", "close"),
    ],
)
def test_each_open_cycle_has_one_next_step_by_its_phase_and_what_is_written(
    cycle, phase, written, label, then
):
    cycle.phase = phase
    cycle.save()
    for kind in written:
        EntryFactory(cycle=cycle, kind=kind)

    step = steps.suggested_step(cycle)

    assert step.label == label
    assert then in (step.phase, step.writes, "close" if step.closes else "")


def test_a_closed_cycle_has_no_next_step(cycle):
    cycle.closed_on = cycle.started_on
    cycle.save()

    assert steps.suggested_step(cycle) is None


@pytest.mark.parametrize(
    ("phase", "kind", "suggested"),
    [
        ("plan", "action", "act"),
        ("act", "action", None),
        ("observe", "action", None),
        ("plan", "reflection", "reflect"),
        ("observe", "reflection", "reflect"),
        ("reflect", "reflection", None),
    ],
)
def test_an_entry_suggests_its_phase_only_when_the_cycle_has_not_reached_it(
    cycle, phase, kind, suggested
):
    cycle.phase = phase

    assert steps.phase_to_suggest(cycle, kind) == suggested


# On the inquiry page


def test_the_page_shows_the_next_step_as_the_cycles_main_button_and_close_as_a_button(
    client, cycle
):
    page = text(client.get(cycle.inquiry.get_absolute_url()))

    assert main_step(page) == "Log an action"
    assert page.count(">Log an action<") == 1  # not offered twice
    close = reverse("inquiries:cycle_close", args=[cycle.inquiry_id, 1])
    assert f'class="button button--secondary" href="{close}">Close this cycle<' in page


def test_logging_an_action_suggests_moving_to_act_and_changes_nothing_by_itself(client, cycle):
    response = client.post(
        entry_url(cycle, "action"), {"occurred_on": "2026-10-02", "body": "Sat in."}, follow=True
    )

    page = text(response)
    assert "Saved in cycle 1. When you are ready, press “Move to act” on the cycle." in page
    assert main_step(page) == "Move to act"
    assert '<input type="hidden" name="phase" value="act">' in page
    cycle.refresh_from_db()
    assert cycle.phase == "plan"


def test_a_reflection_suggests_moving_to_reflect(client, cycle):
    Cycle.objects.filter(pk=cycle.pk).update(phase="observe")

    response = client.post(
        entry_url(cycle, "reflection"),
        {"occurred_on": "2026-10-02", "body": "## What happened\nThey listened."},
        follow=True,
    )

    page = text(response)
    assert "press “Move to reflect” on the cycle" in page
    assert main_step(page) == "Move to reflect"
    response = client.post(
        reverse("inquiries:cycle_phase", args=[cycle.inquiry_id, 1]), {"phase": "reflect"}
    )
    assert main_step(text(client.get(response.url))) == "Close this cycle"


# One cycle at a time


def test_no_new_cycle_is_offered_while_one_is_open(client, cycle):
    start = reverse("inquiries:cycle_start", args=[cycle.inquiry_id])

    page = text(client.get(cycle.inquiry.get_absolute_url()))

    assert "Start a new cycle" not in page
    assert f'href="{start}"' not in page
    assert "Cycle 1 is under way" in page

    cycle.closed_on = cycle.started_on
    cycle.save()
    page = text(client.get(cycle.inquiry.get_absolute_url()))
    assert f'<a class="button" href="{start}">Start a new cycle</a>' in page
    assert "under way" not in page


def test_asking_for_a_new_cycle_while_one_is_open_leads_to_closing_it(client, cycle):
    response = client.get(reverse("inquiries:cycle_start", args=[cycle.inquiry_id]), follow=True)

    assert response.redirect_chain == [
        (reverse("inquiries:cycle_close", args=[cycle.inquiry_id, 1]), 302)
    ]
    page = text(response)
    assert "Cycle 1 is still open. Close it here; then you can start the next one." in page
    assert "Close and start the next cycle" in page


def test_close_and_start_the_next_carries_what_next_into_the_new_plan(client, cycle):
    close = reverse("inquiries:cycle_close", args=[cycle.inquiry_id, 1])

    response = client.post(
        close,
        {"learned": "Names matter.", "next_step": "Offer a named contact.", "then": "start-next"},
        follow=True,
    )

    assert response.redirect_chain == [
        (reverse("inquiries:cycle_start", args=[cycle.inquiry_id]), 302)
    ]
    page = text(response)
    assert "Cycle 1 closed." in page
    assert "Offer a named contact.</textarea>" in page
    cycle.refresh_from_db()
    assert cycle.is_closed


def test_the_close_page_offers_both_and_close_alone_goes_back_to_the_inquiry(client, cycle):
    close = reverse("inquiries:cycle_close", args=[cycle.inquiry_id, 1])
    form = text(client.get(close))
    assert (
        '<button type="submit" name="then" value="start-next">Close and start the next cycle<'
        in form
    )
    assert '<button type="submit" class="button--secondary">Close the cycle<' in form

    response = client.post(
        close, {"learned": "Names matter.", "next_step": "Offer a named contact."}, follow=True
    )

    assert response.redirect_chain == [(cycle.inquiry.get_absolute_url(), 302)]
    assert "Start a new cycle" in text(response)


# A reflection of the template's headings only


HEADINGS_ONLY = [
    str(REFLECTION_PROMPTS),
    "## What happened\r\n\r\n   \r\n## So what\r\n\t\r\n## Now what\r\n",
    "  ## What happened  \n## So what\n## Now what",
    "## What happened\n\n## Now what\n",
]


@pytest.mark.parametrize("body", HEADINGS_ONLY)
def test_a_reflection_of_headings_only_is_refused_kept_and_tells_nobody(
    client, cycle, body, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            entry_url(cycle, "reflection"), {"occurred_on": "2026-10-02", "body": body}
        )

    page = text(response)
    assert response.status_code == 200
    assert "Write your reflection under the headings: so far there are only the headings." in page
    assert "## Now what" in page  # what was typed is still in the form
    assert not Entry.objects.exists()
    assert not Notification.objects.exists()
    assert mailoutbox == []


def test_the_service_refuses_a_headings_only_reflection_on_every_path(cycle):
    owner = cycle.inquiry.owner
    with pytest.raises(ValidationError):
        services.entry_create(
            cycle=cycle, user=owner, kind="reflection", body=str(REFLECTION_PROMPTS)
        )
    entry = services.entry_create(
        cycle=cycle, user=owner, kind="reflection", body="## What happened\nThey came."
    )
    with pytest.raises(ValidationError):
        services.entry_update(
            entry=entry, user=owner, body=str(REFLECTION_PROMPTS), expected_version=1
        )

    entry.refresh_from_db()
    assert entry.body == "## What happened\nThey came."
    # An action is not a reflection: its words are its own.
    assert services.entry_create(cycle=cycle, user=owner, kind="action", body="## So what").pk
