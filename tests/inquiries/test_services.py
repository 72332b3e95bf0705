"""Each service in inquiries/services.py, called directly: what it writes, what it refuses
(whoever calls it, pages or not), and that a write of several rows is all or nothing."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from cohorts.models import CohortStatus, Membership
from inquiries import notifications, services
from inquiries.models import (
    Comment,
    Cycle,
    EmailChoice,
    Entry,
    EntryRevision,
    Inquiry,
    InquiryStatus,
    Notification,
    NotificationKind,
    NotificationSettings,
    Phase,
    Visibility,
)
from inquiries.permissions import ReadOnly, Refusal
from tests.factories import CohortFactory, CycleFactory, EntryFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

LONG_AGO = timezone.now() - datetime.timedelta(days=30)


def quiet(inquiry):
    """Its last activity a month ago, so a write that moves it shows."""
    Inquiry.objects.filter(pk=inquiry.pk).update(last_activity_at=LONG_AGO)
    inquiry.refresh_from_db()
    return inquiry


def open_cycle(world, visibility="coaches"):
    inquiry = world.inquiry(visibility)
    return inquiry, inquiry.cycles.get()


def comment_by(person, inquiry, body="A question."):
    return services.comment_create(inquiry=inquiry, author=person, body=body)


class Boom(Exception):
    pass


def boom(*args, **kwargs):
    raise Boom


# inquiry_create


def test_an_inquiry_starts_in_ones_own_cohort_shared_with_coaches_unless_chosen(world):
    inquiry = services.inquiry_create(
        owner=world.owner, cohort=world.cohort, title="Hand-overs", question="How might I?"
    )
    chosen = services.inquiry_create(
        owner=world.owner,
        cohort=world.cohort,
        title="Mine",
        question="How?",
        visibility=Visibility.PRIVATE,
    )

    assert (inquiry.owner, inquiry.visibility, inquiry.status) == (
        world.owner,
        Visibility.COACHES,
        InquiryStatus.ACTIVE,
    )
    assert chosen.visibility == Visibility.PRIVATE


def test_an_inquiry_starts_only_in_an_open_cohort_of_ones_own(user):
    with pytest.raises(ValidationError):
        services.inquiry_create(owner=user, cohort=CohortFactory(), title="T", question="Q?")
    assert not Inquiry.objects.exists()


def test_a_closed_cohort_takes_no_new_inquiry(world):
    world.cohort.status = CohortStatus.CLOSED
    world.cohort.save()

    with pytest.raises(ValidationError):
        services.inquiry_create(owner=world.owner, cohort=world.cohort, title="T", question="Q?")


def test_an_inquiry_needs_a_title(world):
    with pytest.raises(ValidationError) as error:
        services.inquiry_create(owner=world.owner, cohort=world.cohort, title="", question="Q?")

    assert "title" in error.value.error_dict
    assert not Inquiry.objects.exists()


# Every write in an inquiry: the owner's, in an open cohort they are in.


def _write(name, world, inquiry, person):
    cycle = inquiry.cycles.get()
    entry = cycle.entries.get()
    writes = {
        "inquiry_update": lambda: services.inquiry_update(
            inquiry=inquiry,
            user=person,
            title="Changed",
            question="Changed?",
            why_it_matters="",
            status=InquiryStatus.PAUSED,
        ),
        "cycle_start": lambda: services.cycle_start(inquiry=inquiry, user=person, intention="X"),
        "cycle_set_phase": lambda: services.cycle_set_phase(
            cycle=cycle, user=person, phase=Phase.ACT
        ),
        "cycle_close": lambda: services.cycle_close(
            cycle=cycle, user=person, learned="L", next_step=""
        ),
        "entry_create": lambda: services.entry_create(
            cycle=cycle, user=person, kind="action", body="More."
        ),
        "entry_update": lambda: services.entry_update(
            entry=entry, user=person, body="Changed.", expected_version=1
        ),
    }
    return writes[name]()


WRITES = [
    "inquiry_update",
    "cycle_start",
    "cycle_set_phase",
    "cycle_close",
    "entry_create",
    "entry_update",
]


def everything_written(inquiry):
    return (
        list(Inquiry.objects.values_list("title", "status", "last_activity_at")),
        list(Cycle.objects.values_list("number", "phase", "closed_on")),
        list(Entry.objects.values_list("body", "version")),
        EntryRevision.objects.count(),
        Notification.objects.count(),
    )


@pytest.mark.parametrize("write", WRITES)
@pytest.mark.parametrize(
    ("who", "change", "refusal"),
    [
        ("coach", None, Refusal.NOT_OWNER),
        ("owner", "closed", Refusal.COHORT_CLOSED),
        ("owner", "left", Refusal.OWNER_LEFT),
    ],
)
def test_every_write_refuses_with_its_reason_and_writes_nothing(world, write, who, change, refusal):
    inquiry = world.inquiry("cohort")
    if change == "closed":
        world.cohort.status = CohortStatus.CLOSED
        world.cohort.save()
    elif change == "left":
        Membership.objects.filter(user=world.owner, cohort=world.cohort).delete()
    before = everything_written(inquiry)

    with pytest.raises(ReadOnly) as refused:
        _write(write, world, inquiry, world.person(who))

    assert refused.value.refusal == refusal
    assert everything_written(inquiry) == before


# inquiry_update, inquiry_set_visibility


def test_the_owner_updates_the_question_and_its_status(world):
    inquiry = quiet(world.inquiry())

    services.inquiry_update(
        inquiry=inquiry,
        user=world.owner,
        title="Hand-overs",
        question="How might we?",
        why_it_matters="Because.",
        status=InquiryStatus.FINISHED,
    )

    inquiry.refresh_from_db()
    assert (inquiry.title, inquiry.question, inquiry.status) == (
        "Hand-overs",
        "How might we?",
        InquiryStatus.FINISHED,
    )
    assert inquiry.last_activity_at > LONG_AGO


def test_an_update_to_an_unknown_status_is_refused(world):
    inquiry = world.inquiry()

    with pytest.raises(ValidationError):
        services.inquiry_update(
            inquiry=inquiry,
            user=world.owner,
            title="T",
            question="Q",
            why_it_matters="",
            status="dormant",
        )

    inquiry.refresh_from_db()
    assert inquiry.status == InquiryStatus.ACTIVE


@pytest.mark.parametrize("change", [None, "closed", "left"])
def test_the_owner_chooses_who_sees_it_even_when_nothing_new_can_be_written(world, change):
    inquiry = world.inquiry(Visibility.COHORT)
    if change == "closed":
        world.cohort.status = CohortStatus.CLOSED
        world.cohort.save()
    elif change == "left":
        Membership.objects.filter(user=world.owner, cohort=world.cohort).delete()

    services.inquiry_set_visibility(inquiry=inquiry, user=world.owner, visibility="private")

    inquiry.refresh_from_db()
    assert inquiry.visibility == Visibility.PRIVATE


def test_nobody_else_chooses_who_sees_it(world):
    inquiry = world.inquiry(Visibility.COHORT)

    with pytest.raises(ReadOnly):
        services.inquiry_set_visibility(inquiry=inquiry, user=world.coach, visibility="private")

    inquiry.refresh_from_db()
    assert inquiry.visibility == Visibility.COHORT


# cycle_start, cycle_set_phase, cycle_close


def test_cycles_are_numbered_in_order():
    cycle = CycleFactory(number=1, closed_on=None)
    inquiry = cycle.inquiry
    services.cycle_close(cycle=cycle, user=inquiry.owner, learned="L", next_step="N")

    second = services.cycle_start(inquiry=inquiry, user=inquiry.owner, intention="N")

    assert second.number == 2


def test_a_cycle_starts_today_in_plan_unless_it_began_earlier(world):
    inquiry = quiet(world.inquiry())
    inquiry.cycles.all().delete()

    first = services.cycle_start(inquiry=inquiry, user=world.owner, intention="Ask.")
    services.cycle_close(cycle=first, user=world.owner, learned="L", next_step="")
    begun = datetime.date(2026, 9, 1)
    second = services.cycle_start(
        inquiry=inquiry, user=world.owner, intention="Try.", started_on=begun
    )

    assert (first.started_on, first.phase) == (timezone.localdate(), Phase.REFLECT)
    assert (second.number, second.started_on, second.phase) == (2, begun, Phase.PLAN)
    assert inquiry.last_activity_at > LONG_AGO


def test_a_cycle_starts_only_once_the_last_one_is_closed(world):
    inquiry, _cycle = open_cycle(world)

    with pytest.raises(ValidationError):
        services.cycle_start(inquiry=inquiry, user=world.owner, intention="Too soon.")

    assert inquiry.cycles.count() == 1


def test_the_owner_moves_an_open_cycle_through_its_phases(world):
    inquiry, cycle = open_cycle(world)
    quiet(inquiry)

    services.cycle_set_phase(cycle=cycle, user=world.owner, phase=Phase.OBSERVE)

    cycle.refresh_from_db()
    assert cycle.phase == Phase.OBSERVE
    assert Inquiry.objects.get().last_activity_at > LONG_AGO


def test_a_closed_cycle_keeps_its_phase(world):
    inquiry, cycle = open_cycle(world)
    services.cycle_close(cycle=cycle, user=world.owner, learned="L", next_step="")

    with pytest.raises(ValidationError):
        services.cycle_set_phase(cycle=cycle, user=world.owner, phase=Phase.ACT)

    assert Cycle.objects.get().phase == Phase.REFLECT


def test_closing_a_cycle_keeps_what_was_learned_and_the_next_step(world):
    inquiry, cycle = open_cycle(world)

    services.cycle_close(
        cycle=cycle,
        user=world.owner,
        learned="Time, not skill.",
        next_step="A named contact.",
        closed_on=cycle.started_on,
    )

    cycle.refresh_from_db()
    assert (cycle.learned, cycle.next_step, cycle.phase, cycle.closed_on) == (
        "Time, not skill.",
        "A named contact.",
        Phase.REFLECT,
        cycle.started_on,
    )


def test_a_cycle_closes_once_and_never_before_it_starts(world):
    inquiry, cycle = open_cycle(world)

    with pytest.raises(ValidationError):
        services.cycle_close(
            cycle=cycle,
            user=world.owner,
            learned="L",
            next_step="",
            closed_on=cycle.started_on - datetime.timedelta(days=1),
        )
    cycle = Cycle.objects.get()
    assert cycle.closed_on is None

    services.cycle_close(cycle=cycle, user=world.owner, learned="L", next_step="")
    with pytest.raises(ValidationError):
        services.cycle_close(cycle=cycle, user=world.owner, learned="Again", next_step="")
    assert Cycle.objects.get().learned == "L"


# entry_create, entry_update


def test_an_entry_is_saved_rendered_tagged_and_heard_of_by_the_coach(world):
    inquiry, cycle = open_cycle(world)
    quiet(inquiry)
    organisation = Membership.objects.get(user=world.coach).organisation

    entry = services.entry_create(
        cycle=cycle,
        user=world.owner,
        kind="action",
        body="Met the *pharmacists*.",
        occurred_on=datetime.date(2026, 10, 1),
        with_whom="Two pharmacists",
        organisations=[organisation],
    )

    assert entry.body_html == "<p>Met the <em>pharmacists</em>.</p>"
    assert (entry.version, entry.occurred_on) == (1, datetime.date(2026, 10, 1))
    assert list(entry.organisations.all()) == [organisation]
    assert list(Notification.objects.values_list("recipient", "kind", "entry")) == [
        (world.coach.pk, NotificationKind.ENTRY, entry.pk)
    ]
    assert Inquiry.objects.get().last_activity_at > LONG_AGO


@pytest.mark.parametrize("body", ["", "   ", "x" * 20_001])
def test_an_entry_needs_some_text_and_not_too_much(world, body):
    _inquiry, cycle = open_cycle(world)

    with pytest.raises(ValidationError):
        services.entry_create(cycle=cycle, user=world.owner, kind="action", body=body)

    assert Entry.objects.count() == 1


def test_a_closed_cycle_takes_no_new_entry(world):
    _inquiry, cycle = open_cycle(world)
    services.cycle_close(cycle=cycle, user=world.owner, learned="L", next_step="")

    with pytest.raises(ValidationError):
        services.entry_create(cycle=cycle, user=world.owner, kind="action", body="Late.")

    assert Entry.objects.count() == 1


def test_an_entry_tagging_an_outside_organisation_leaves_nothing_behind():
    cycle = CycleFactory()

    with pytest.raises(ValidationError):
        services.entry_create(
            cycle=cycle,
            user=cycle.inquiry.owner,
            kind="action",
            body="Met them.",
            organisations=[OrganisationFactory()],
        )

    assert not Entry.objects.exists()


def test_an_entry_whose_notifications_fail_is_not_saved_either(world, monkeypatch):
    inquiry, cycle = open_cycle(world)
    quiet(inquiry)
    monkeypatch.setattr(notifications, "on_entry", boom)

    with pytest.raises(Boom):
        services.entry_create(cycle=cycle, user=world.owner, kind="action", body="Lost.")

    assert not Entry.objects.filter(body="Lost.").exists()
    assert Inquiry.objects.get().last_activity_at == LONG_AGO


def test_editing_an_entry_keeps_the_earlier_text(world):
    inquiry, cycle = open_cycle(world)
    entry = cycle.entries.get()

    updated = services.entry_update(
        entry=entry, user=world.owner, body="Spoke to **two** pharmacists.", expected_version=1
    )

    assert (updated.version, updated.body_html) == (
        2,
        "<p>Spoke to <strong>two</strong> pharmacists.</p>",
    )
    assert list(entry.revisions.values_list("version", "body")) == [(1, "Spoke to the *pharmacy*.")]


def test_an_edit_from_an_older_version_is_a_conflict_and_writes_nothing(world):
    _inquiry, cycle = open_cycle(world)
    entry = cycle.entries.get()
    services.entry_update(entry=entry, user=world.owner, body="First tab.", expected_version=1)

    with pytest.raises(services.EditConflict) as conflict:
        services.entry_update(entry=entry, user=world.owner, body="Second tab.", expected_version=1)

    assert conflict.value.current.body == "First tab."
    assert list(Entry.objects.values_list("body", "version")) == [("First tab.", 2)]
    assert EntryRevision.objects.count() == 1


def test_a_failed_edit_keeps_no_half_written_revision():
    entry = EntryFactory()

    with pytest.raises(ValidationError):
        services.entry_update(
            entry=entry, user=entry.cycle.inquiry.owner, body="x" * 30_000, expected_version=1
        )

    entry.refresh_from_db()
    assert (entry.version, entry.revisions.count()) == (1, 0)


def test_an_edit_refused_after_its_text_was_saved_is_undone_whole(world):
    # The organisations are checked once the new text is written: all of it rolls back.
    _inquiry, cycle = open_cycle(world)
    entry = cycle.entries.get()

    with pytest.raises(ValidationError):
        services.entry_update(
            entry=entry,
            user=world.owner,
            body="Changed.",
            expected_version=1,
            organisations=[OrganisationFactory()],
        )

    assert list(Entry.objects.values_list("body", "version")) == [("Spoke to the *pharmacy*.", 1)]
    assert not EntryRevision.objects.exists()


# comment_create, comment_update, comment_remove


def test_a_comment_is_posted_and_heard_of_by_the_owner(world):
    inquiry = quiet(world.inquiry("coaches"))
    entry = Entry.objects.get()

    comment = services.comment_create(
        inquiry=inquiry, author=world.coach, body="Who *else*?", entry=entry
    )

    assert (comment.entry, comment.body_html) == (entry, "<p>Who <em>else</em>?</p>")
    assert list(Notification.objects.values_list("recipient", "kind", "comment")) == [
        (world.owner.pk, NotificationKind.COMMENT, comment.pk)
    ]
    assert Inquiry.objects.get().last_activity_at > LONG_AGO


def test_a_reply_to_a_reply_joins_the_thread_of_the_comment_on_its_entry(world):
    inquiry = world.inquiry("cohort")
    entry = Entry.objects.get()
    top = services.comment_create(inquiry=inquiry, author=world.coach, body="Q", entry=entry)
    reply = services.comment_create(inquiry=inquiry, author=world.owner, body="A", parent=top)

    deeper = services.comment_create(inquiry=inquiry, author=world.fellow, body="B", parent=reply)

    assert (deeper.parent, deeper.entry) == (top, entry)


def test_a_comment_refers_only_to_its_own_inquirys_entries_and_comments(world):
    inquiry = world.inquiry("cohort")
    other = world.inquiry("cohort")
    elsewhere = comment_by(world.coach, other)

    with pytest.raises(ValidationError):
        services.comment_create(
            inquiry=inquiry, author=world.coach, body="Q", entry=other.cycles.get().entries.get()
        )
    with pytest.raises(ValidationError):
        services.comment_create(inquiry=inquiry, author=world.coach, body="Q", parent=elsewhere)

    assert list(Comment.objects.all()) == [elsewhere]


@pytest.mark.parametrize("body", ["", "  ", "x" * 10_001])
def test_a_comment_needs_some_text_and_not_too_much(world, body):
    with pytest.raises(ValidationError):
        comment_by(world.coach, world.inquiry("coaches"), body=body)

    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    ("who", "closed", "refusal"),
    [
        ("fellow", False, Refusal.NOT_IN_CONVERSATION),
        ("outsider", False, Refusal.NOT_IN_CONVERSATION),
        ("coach", True, Refusal.COHORT_CLOSED),
    ],
)
def test_a_comment_is_refused_to_whoever_may_not_comment(world, who, closed, refusal):
    inquiry = world.inquiry("coaches")
    if closed:
        world.cohort.status = CohortStatus.CLOSED
        world.cohort.save()

    with pytest.raises(ReadOnly) as refused:
        comment_by(world.person(who), inquiry)

    assert refused.value.refusal == refusal
    assert not Comment.objects.exists()


def test_a_comment_whose_notifications_fail_is_not_posted_either(world, monkeypatch):
    inquiry = world.inquiry("coaches")
    monkeypatch.setattr(notifications, "on_comment", boom)

    with pytest.raises(Boom):
        comment_by(world.coach, inquiry)

    assert not Comment.objects.exists()


def test_its_author_edits_a_comment_and_it_says_when(world):
    comment = comment_by(world.coach, world.inquiry("coaches"))

    services.comment_update(comment=comment, user=world.coach, body="Better **put**.")

    comment.refresh_from_db()
    assert (comment.body_html, comment.edited_at is not None) == (
        "<p>Better <strong>put</strong>.</p>",
        True,
    )


def test_its_author_removes_a_comment_and_its_replies_stay(world):
    inquiry = world.inquiry("coaches")
    comment = comment_by(world.coach, inquiry)
    reply = services.comment_create(inquiry=inquiry, author=world.owner, body="A", parent=comment)

    services.comment_remove(comment=comment, user=world.coach)

    comment.refresh_from_db()
    assert (comment.body, comment.body_html, comment.is_removed) == ("", "", True)
    assert Comment.objects.get(pk=reply.pk).body == "A"


@pytest.mark.parametrize("change", ["edit", "remove"])
@pytest.mark.parametrize(
    ("who", "state", "refusal"),
    [
        ("owner", None, Refusal.NOT_AUTHOR),
        ("coach", "removed", Refusal.NOT_AUTHOR),
        ("coach", "closed", Refusal.COHORT_CLOSED),
    ],
)
def test_a_comment_is_changed_only_by_its_author_while_they_may_comment(
    world, change, who, state, refusal
):
    comment = comment_by(world.coach, world.inquiry("coaches"))
    if state == "removed":
        services.comment_remove(comment=comment, user=world.coach)
    elif state == "closed":
        world.cohort.status = CohortStatus.CLOSED
        world.cohort.save()
    before = list(Comment.objects.values_list("body", "edited_at", "removed_at"))

    with pytest.raises(ReadOnly) as refused:
        if change == "edit":
            services.comment_update(comment=comment, user=world.person(who), body="Changed.")
        else:
            services.comment_remove(comment=comment, user=world.person(who))

    assert refused.value.refusal == refusal
    assert list(Comment.objects.values_list("body", "edited_at", "removed_at")) == before


# notification_mark_read, notification_settings_update


def test_opening_a_notification_marks_it_read_once(world):
    comment_by(world.coach, world.inquiry("coaches"))
    notification = Notification.objects.get()

    services.notification_mark_read(notification=notification, user=world.owner)
    first_read = Notification.objects.get().read_at
    services.notification_mark_read(notification=notification, user=world.owner)

    assert first_read is not None
    assert Notification.objects.get().read_at == first_read


def test_only_its_recipient_marks_a_notification_read(world):
    comment_by(world.coach, world.inquiry("coaches"))
    notification = Notification.objects.get()

    with pytest.raises(PermissionDenied):
        services.notification_mark_read(notification=notification, user=world.coach)

    assert Notification.objects.get().read_at is None


def test_a_person_chooses_and_changes_which_emails_they_get(world):
    services.notification_settings_update(
        user=world.owner, email=EmailChoice.DIGEST, weeknote_reminders=True
    )
    services.notification_settings_update(
        user=world.owner, email=EmailChoice.NONE, weeknote_reminders=True
    )

    assert list(NotificationSettings.objects.values_list("user", "email")) == [
        (world.owner.pk, EmailChoice.NONE)
    ]


def test_an_unknown_email_choice_is_refused_and_nothing_saved(world):
    with pytest.raises(ValidationError):
        services.notification_settings_update(
            user=world.owner, email="hourly", weeknote_reminders=True
        )

    assert not NotificationSettings.objects.exists()
