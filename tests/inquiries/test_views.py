"""What the owner does on the inquiry pages, and what they see."""

import datetime
import re

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from cohorts.models import CohortStatus, Role
from inquiries.models import BODY_MAX_LENGTH, Cycle, Entry, Inquiry
from inquiries.selectors import inquiries_for_cohort
from tests.factories import (
    CohortFactory,
    CycleFactory,
    EntryFactory,
    InquiryFactory,
    MembershipFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(client):
    membership = MembershipFactory(role=Role.PARTICIPANT)
    client.force_login(membership.user)
    return membership


@pytest.fixture
def inquiry(member):
    return InquiryFactory(owner=member.user, cohort=member.cohort)


@pytest.fixture
def open_cycle(inquiry):
    return CycleFactory(inquiry=inquiry, number=1, intention="Sit in on the drop-in clinic.")


def text(response):
    return response.content.decode()


def entry_url(inquiry, number, kind):
    return reverse("inquiries:entry_create", args=[inquiry.pk, number, kind])


def test_the_header_links_to_inquiries_for_signed_in_people_only(client, member):
    assert 'href="/inquiries/"' in text(client.get("/me/"))
    client.logout()
    assert 'href="/inquiries/"' not in text(client.get("/accounts/login/"))


def test_start_an_inquiry_in_one_of_my_open_cohorts(client, member):
    closed = MembershipFactory(user=member.user, cohort=CohortFactory(status=CohortStatus.CLOSED))
    not_mine = CohortFactory()

    form = text(client.get(reverse("inquiries:create")))
    assert member.cohort.name in form
    assert closed.cohort.name not in form
    assert not_mine.name not in form
    assert 'value="coaches" checked' in form.replace("\n", " ") or re.search(
        r'value="coaches"[^>]*checked', form
    )

    response = client.post(
        reverse("inquiries:create"),
        {
            "cohort": member.cohort.pk,
            "title": "Earlier help",
            "question": "How might I reach people before the crisis?",
            "why_it_matters": "I see them only at the worst moment.",
            "visibility": "coaches",
        },
    )

    inquiry = Inquiry.objects.get()
    assert response.url == inquiry.get_absolute_url()
    assert (inquiry.owner, inquiry.cohort, inquiry.visibility) == (
        member.user,
        member.cohort,
        "coaches",
    )
    page = text(client.get(response.url))
    assert "How might I reach people before the crisis?" in page
    assert f"You and the coaches of {member.cohort.name} can see this inquiry." in page


@pytest.mark.parametrize("title", ["Earlier\nhelp", "Earlier\thelp", "Earlier\x1bhelp"])
def test_an_inquiry_title_must_be_one_line_without_control_characters(client, member, title):
    response = client.post(
        reverse("inquiries:create"),
        {"cohort": member.cohort.pk, "title": title, "question": "Q?", "visibility": "coaches"},
    )

    assert response.status_code == 200
    assert "This must be one line" in text(response)
    assert not Inquiry.objects.exists()


def test_an_inquiry_cannot_be_started_in_someone_elses_cohort(client, member):
    other = CohortFactory()

    response = client.post(
        reverse("inquiries:create"),
        {"cohort": other.pk, "title": "T", "question": "Q?", "visibility": "private"},
    )

    assert response.status_code == 200
    assert "Select a valid choice" in text(response)
    assert not Inquiry.objects.exists()


def test_someone_in_no_cohort_is_told_why_they_cannot_start(client, user):
    client.force_login(user)

    response = client.get(reverse("inquiries:create"))

    assert "you are not in an open cohort" in text(response)


@pytest.mark.parametrize(
    ("visibility", "sentence"),
    [
        ("private", "Only you can see this inquiry."),
        ("coaches", "You and the coaches of"),
        ("cohort", "can see this inquiry: participants, coaches and facilitators."),
    ],
)
def test_the_page_says_plainly_who_can_see_it(client, inquiry, visibility, sentence):
    client.post(reverse("inquiries:visibility", args=[inquiry.pk]), {"visibility": visibility})

    inquiry.refresh_from_db()
    assert inquiry.visibility == visibility
    assert sentence in text(client.get(inquiry.get_absolute_url()))


def test_my_list_separates_mine_from_what_is_shared_with_me(client, member, inquiry):
    fellow = MembershipFactory(cohort=member.cohort).user
    shared = InquiryFactory(owner=fellow, cohort=member.cohort, visibility="cohort")
    hidden = InquiryFactory(owner=fellow, cohort=member.cohort, visibility="coaches")

    page = text(client.get(reverse("inquiries:list")))

    mine_section, shared_section = page.split('id="shared-heading"')
    assert inquiry.title in mine_section
    assert shared.title in shared_section and shared.title not in mine_section
    assert fellow.public_name in shared_section
    assert hidden.title not in page
    assert "latest activity" in shared_section


def test_my_list_shows_the_latest_activity_first_in_both_sections(client, member):
    fellow = MembershipFactory(cohort=member.cohort).user
    now = timezone.now()
    lists = {}
    for owner, section in [(member.user, "mine"), (fellow, "shared")]:
        quiet, busy = (
            InquiryFactory(
                owner=owner,
                cohort=member.cohort,
                visibility="cohort",
                title=f"{section} {name}",
                last_activity_at=now - datetime.timedelta(days=days),
            )
            for name, days in [("quiet", 9), ("busy", 1)]
        )
        CycleFactory(inquiry=quiet, number=1)
        lists[section] = [busy.title, quiet.title]

    page = text(client.get(reverse("inquiries:list")))

    titles = re.findall(r'class="inquiry-list__title"[^>]*>([^<]+)<', page)
    assert titles == lists["mine"] + lists["shared"]
    assert "1 cycle ·" in page and "0 cycles ·" in page


def test_a_cycle_starts_from_what_i_intend_to_try(client, inquiry):
    response = client.post(
        reverse("inquiries:cycle_start", args=[inquiry.pk]),
        {"intention": "Ask three people what they needed first."},
    )

    cycle = Cycle.objects.get()
    assert response.status_code == 302
    assert (cycle.number, cycle.phase, cycle.intention) == (
        1,
        "plan",
        "Ask three people what they needed first.",
    )
    assert "Cycle 1" in text(client.get(inquiry.get_absolute_url()))


def test_a_new_cycle_waits_until_the_open_one_is_closed(client, open_cycle):
    inquiry = open_cycle.inquiry

    response = client.post(
        reverse("inquiries:cycle_start", args=[inquiry.pk]), {"intention": "Another thing."}
    )

    assert "Close cycle 1 before you start the next one." in text(response)
    assert inquiry.cycles.count() == 1


def test_move_through_the_phases_and_close_with_what_i_learned(client, open_cycle):
    inquiry = open_cycle.inquiry
    for phase in ("act", "observe"):
        client.post(reverse("inquiries:cycle_phase", args=[inquiry.pk, 1]), {"phase": phase})
        open_cycle.refresh_from_db()
        assert open_cycle.phase == phase
    assert 'aria-current="step">Observe' in text(client.get(inquiry.get_absolute_url()))

    client.post(
        reverse("inquiries:cycle_close", args=[inquiry.pk, 1]),
        {"learned": "People want a named person.", "next_step": "Offer a named contact."},
    )

    open_cycle.refresh_from_db()
    assert open_cycle.is_closed
    page = text(client.get(inquiry.get_absolute_url()))
    assert "People want a named person." in page
    assert "Log an action" not in page


def test_the_next_cycle_offers_the_previous_next_step(client, open_cycle):
    inquiry = open_cycle.inquiry
    client.post(
        reverse("inquiries:cycle_close", args=[inquiry.pk, 1]),
        {"learned": "Names matter.", "next_step": "Offer a named contact."},
    )

    form = text(client.get(reverse("inquiries:cycle_start", args=[inquiry.pk])))
    assert "Offer a named contact.</textarea>" in form

    client.post(
        reverse("inquiries:cycle_start", args=[inquiry.pk]),
        {"intention": "Offer a named contact."},
    )
    assert inquiry.cycles.get(number=2).intention == "Offer a named contact."


def test_closing_a_cycle_needs_what_i_learned(client, open_cycle):
    response = client.post(
        reverse("inquiries:cycle_close", args=[open_cycle.inquiry.pk, 1]), {"learned": ""}
    )

    assert "This field is required." in text(response)
    open_cycle.refresh_from_db()
    assert not open_cycle.is_closed


def test_log_an_action_with_organisations_of_the_cohort(client, member, open_cycle):
    inquiry = open_cycle.inquiry
    police = MembershipFactory(cohort=member.cohort, organisation__name="North Wales Police")
    elsewhere = OrganisationFactory(name="Somewhere Else Council")

    form = text(client.get(entry_url(inquiry, 1, "action")))
    assert "North Wales Police" in form
    assert "Somewhere Else Council" not in form

    response = client.post(
        entry_url(inquiry, 1, "action"),
        {
            "occurred_on": "2026-10-02",
            "with_whom": "The neighbourhood team",
            "organisations": [police.organisation.pk],
            "body": "Walked the **high street** with them.",
        },
    )

    entry = Entry.objects.get()
    assert response.status_code == 302
    assert entry.kind == "action"
    assert entry.occurred_on == datetime.date(2026, 10, 2)
    assert entry.body_html == "<p>Walked the <strong>high street</strong> with them.</p>"
    assert list(entry.organisations.all()) == [police.organisation]
    page = text(client.get(inquiry.get_absolute_url()))
    assert "Walked the <strong>high street</strong> with them." in page
    assert "With The neighbourhood team" in page
    assert "North Wales Police" in page

    refused = client.post(
        entry_url(inquiry, 1, "action"),
        {"occurred_on": "2026-10-02", "organisations": [elsewhere.pk], "body": "Again."},
    )
    assert "Select a valid choice" in text(refused)
    assert Entry.objects.count() == 1


def test_a_reflection_offers_what_so_what_now_what(client, open_cycle):
    form = text(client.get(entry_url(open_cycle.inquiry, 1, "reflection")))

    assert re.search(r"## What happened\s+## So what\s+## Now what", form)
    assert "With whom" not in form


def test_what_i_write_is_cleaned_and_only_the_clean_html_is_shown(client, open_cycle):
    inquiry = open_cycle.inquiry
    client.post(
        entry_url(inquiry, 1, "reflection"),
        {
            "occurred_on": "2026-10-02",
            "body": "<script>alert(1)</script> [x](javascript:alert(1)) "
            "<img src=x onerror=alert(1)>",
        },
    )

    page = text(client.get(inquiry.get_absolute_url()))
    assert "<script>alert(1)" not in page
    assert "javascript:" not in page
    assert "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_preview_shows_the_rendered_text_and_saves_nothing(client, open_cycle):
    response = client.post(
        entry_url(open_cycle.inquiry, 1, "action"),
        {"occurred_on": "2026-10-02", "body": "A *first* try.", "preview": "1"},
    )

    page = text(response)
    assert "Preview (not saved yet)" in page
    assert "A <em>first</em> try." in page
    assert "A *first* try.</textarea>" in page
    assert not Entry.objects.exists()


def test_an_empty_entry_is_refused_with_a_clear_message(client, open_cycle):
    response = client.post(
        entry_url(open_cycle.inquiry, 1, "action"),
        {"occurred_on": "2026-10-02", "with_whom": "Housing team", "body": "   "},
    )

    page = text(response)
    assert "Write something before you save: the text is empty." in page
    assert 'value="Housing team"' in page
    assert not Entry.objects.exists()


def test_an_oversized_entry_is_refused_and_what_was_typed_is_kept(client, open_cycle):
    typed = "Long notes." * (BODY_MAX_LENGTH // 10)

    response = client.post(
        entry_url(open_cycle.inquiry, 1, "action"), {"occurred_on": "2026-10-02", "body": typed}
    )

    page = text(response)
    assert f"Keep it under {BODY_MAX_LENGTH} characters: this text has {len(typed)}." in page
    assert typed.strip() in page
    assert not Entry.objects.exists()


def test_editing_keeps_every_earlier_text_for_the_author(client, open_cycle):
    inquiry = open_cycle.inquiry
    entry = EntryFactory(cycle=open_cycle, body="First words.", body_html="<p>First words.</p>")
    url = reverse("inquiries:entry_edit", args=[inquiry.pk, entry.pk])

    client.post(url, {"occurred_on": "2026-10-02", "body": "Second words.", "version": 1})
    client.post(url, {"occurred_on": "2026-10-02", "body": "Third words.", "version": 2})

    entry.refresh_from_db()
    assert (entry.body, entry.version) == ("Third words.", 3)
    assert "(edited)" in text(client.get(inquiry.get_absolute_url()))
    history = text(client.get(reverse("inquiries:entry_revisions", args=[inquiry.pk, entry.pk])))
    assert history.index("Third words.") < history.index("Second words.")
    assert history.index("Second words.") < history.index("First words.")


def test_nobody_but_the_author_sees_earlier_texts(client, member, open_cycle):
    inquiry = open_cycle.inquiry
    inquiry.visibility = "cohort"
    inquiry.save()
    entry = EntryFactory(cycle=open_cycle)
    coach = MembershipFactory(cohort=member.cohort, role=Role.COACH).user
    client.force_login(coach)

    response = client.get(reverse("inquiries:entry_revisions", args=[inquiry.pk, entry.pk]))

    assert response.status_code == 404


def test_two_tabs_editing_one_entry_end_in_a_conflict_with_both_texts_kept(client, open_cycle):
    inquiry = open_cycle.inquiry
    entry = EntryFactory(cycle=open_cycle, body="Original.", body_html="<p>Original.</p>")
    url = reverse("inquiries:entry_edit", args=[inquiry.pk, entry.pk])
    assert 'name="version" value="1"' in text(client.get(url))
    assert 'name="version" value="1"' in text(client.get(url))

    first = client.post(url, {"occurred_on": "2026-10-02", "body": "From tab one.", "version": 1})
    second = client.post(url, {"occurred_on": "2026-10-02", "body": "From tab two.", "version": 1})

    assert first.status_code == 302
    assert second.status_code == 409
    page = text(second)
    assert "This entry changed while you were editing it" in page
    assert "From tab one." in page
    assert "From tab two.</textarea>" in page
    assert 'name="version" value="2"' in page
    entry.refresh_from_db()
    assert (entry.body, entry.version) == ("From tab one.", 2)

    client.post(url, {"occurred_on": "2026-10-02", "body": "From both tabs.", "version": 2})
    entry.refresh_from_db()
    assert entry.body == "From both tabs."
    assert list(entry.revisions.values_list("body", flat=True)) == ["From tab one.", "Original."]


def test_a_stale_or_tampered_form_gets_a_message_not_a_500(client, open_cycle):
    entry = EntryFactory(cycle=open_cycle)
    url = reverse("inquiries:entry_edit", args=[open_cycle.inquiry.pk, entry.pk])

    stale = client.post(url, {"occurred_on": "2026-10-02", "body": "Old tab.", "version": 999})
    tampered = client.post(url, {"occurred_on": "2026-10-02", "body": "Old tab.", "version": "x"})

    assert stale.status_code == 409
    assert tampered.status_code == 200
    assert "This form is out of date: open the entry again from the inquiry." in text(tampered)


def test_the_timeline_shows_cycles_newest_first_each_with_its_entries_in_order(client, inquiry):
    first = CycleFactory(
        inquiry=inquiry,
        number=1,
        started_on=datetime.date(2026, 9, 1),
        closed_on=datetime.date(2026, 9, 20),
    )
    second = CycleFactory(inquiry=inquiry, number=2, started_on=datetime.date(2026, 9, 21))
    EntryFactory(cycle=first, body_html="<p>early</p>", occurred_on=datetime.date(2026, 9, 2))
    EntryFactory(cycle=second, body_html="<p>later</p>", occurred_on=datetime.date(2026, 9, 25))
    EntryFactory(cycle=second, body_html="<p>latest</p>", occurred_on=datetime.date(2026, 9, 26))

    page = text(client.get(inquiry.get_absolute_url()))

    assert page.index("Cycle 2") < page.index("Cycle 1")
    assert page.index("later") < page.index("latest") < page.index("early")


def test_the_timeline_is_paginated_by_cycle(client, inquiry):
    for number in range(1, 8):
        CycleFactory(inquiry=inquiry, number=number, intention=f"Intention number {number}.")

    first = text(client.get(inquiry.get_absolute_url()))
    second = text(client.get(inquiry.get_absolute_url() + "?page=2"))

    assert "Intention number 7." in first and "Intention number 3." in first
    assert "Intention number 2." not in first
    assert "Intention number 2." in second and "Intention number 1." in second
    assert "Older cycles" in first
    assert "Page 2 of 2" in second


def test_the_owner_edits_the_question_and_status(client, inquiry):
    response = client.post(
        reverse("inquiries:edit", args=[inquiry.pk]),
        {
            "title": "Sharper title",
            "question": "How might I ask better?",
            "why_it_matters": "",
            "status": "paused",
        },
    )

    assert response.status_code == 302
    page = text(client.get(inquiry.get_absolute_url()))
    assert "Sharper title" in page
    assert "How might I ask better?" in page
    assert "Paused" in page


def test_the_cohort_page_include_lists_only_what_the_viewer_may_see(member, inquiry):
    coach = MembershipFactory(cohort=member.cohort, role=Role.COACH).user
    private = InquiryFactory(owner=member.user, cohort=member.cohort, visibility="private")
    elsewhere = InquiryFactory(visibility="cohort")

    html = render_to_string(
        "inquiries/includes/inquiry_list.html",
        {"inquiries": inquiries_for_cohort(user=coach, cohort=member.cohort)},
    )

    assert inquiry.title in html
    assert member.user.public_name in html
    assert private.title not in html
    assert elsewhere.title not in html


def test_lists_say_who_can_see_each_inquiry_in_words_that_read_right_to_anyone(client, world):
    world.inquiry("cohort", title="Open to the cohort")
    client.force_login(world.fellow)

    page = client.get(reverse("inquiries:list")).content.decode()

    assert "Shared with the cohort" in page
    assert "Everyone in my cohort" not in page  # the owner's words, wrong in anyone else's list
