"""A form sent twice (a double click, the back button, a retry) makes one inquiry, cycle,
entry, comment or reply, not two; the second answer is the first one's, and nobody is told
twice."""

import uuid

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from inquiries import services
from inquiries.models import Comment, Cycle, Entry, EntryKind, Notification, Visibility
from tests.factories import InquiryFactory

pytestmark = pytest.mark.django_db


def send_twice(client, url, data):
    return [client.post(url, data) for _ in range(2)]


def first_look_finds_nothing(monkeypatch):
    """The second of two sends at once looked before the first was saved."""
    real, looks = services.sent_before, []

    def nothing_on_the_first_look(mine, key):
        looks.append(key)
        return None if len(looks) == 1 else real(mine, key)

    monkeypatch.setattr(services, "sent_before", nothing_on_the_first_look)


def test_an_entry_form_sent_twice_saves_one_entry_and_tells_the_coach_once(client, world):
    inquiry = world.inquiry()
    client.force_login(world.owner)
    url = reverse("inquiries:entry_create", args=[inquiry.pk, 1, EntryKind.REFLECTION])
    data = {
        "occurred_on": "2026-10-02",
        "body": "What happened at the bus station.",
        "submission_key": uuid.uuid4(),
    }

    first, second = send_twice(client, url, data)

    assert first.status_code == second.status_code == 302
    assert first.url == second.url
    assert Entry.objects.filter(body=data["body"]).count() == 1
    assert Notification.objects.filter(recipient=world.coach).count() == 1


def test_the_entry_form_carries_a_new_key_each_time_it_is_opened(client, world):
    inquiry = world.inquiry()
    client.force_login(world.owner)
    url = reverse("inquiries:entry_create", args=[inquiry.pk, 1, EntryKind.ACTION])

    keys = {client.get(url).context["form"]["submission_key"].value() for _ in range(2)}

    assert len(keys) == 2


def test_a_comment_and_a_reply_sent_twice_are_posted_once(client, world):
    inquiry = world.inquiry()
    client.force_login(world.coach)
    url = reverse("inquiries:comment_create", args=[inquiry.pk])

    send_twice(client, url, {"body": "Who else was there?", "submission_key": uuid.uuid4()})
    comment = Comment.objects.get(body="Who else was there?")
    client.force_login(world.owner)
    reply = {"body": "The youth team.", "parent": comment.pk, "submission_key": uuid.uuid4()}
    first, second = send_twice(client, url, reply)

    assert first.url == second.url
    assert Comment.objects.filter(body="Who else was there?").count() == 1
    assert Comment.objects.filter(body="The youth team.", parent=comment).count() == 1


def test_the_inquiry_page_gives_each_comment_form_its_own_key(client, world):
    inquiry = world.inquiry()
    client.force_login(world.coach)

    page = client.get(inquiry.get_absolute_url()).content.decode()

    keys = [part.split('"')[0] for part in page.split('name="submission_key" value="')[1:]]
    assert len(keys) >= 2
    assert len(set(keys)) == len(keys)


def test_two_sends_at_once_make_one_entry_the_database_deciding(world, monkeypatch):
    inquiry = world.inquiry()
    cycle = inquiry.cycles.get()
    key = uuid.uuid4()
    first = services.entry_create(
        cycle=cycle,
        user=world.owner,
        kind=EntryKind.ACTION,
        body="Met the team.",
        submission_key=key,
    )
    first_look_finds_nothing(monkeypatch)

    second = services.entry_create(
        cycle=cycle,
        user=world.owner,
        kind=EntryKind.ACTION,
        body="Met the team.",
        submission_key=key,
    )

    assert second.pk == first.pk
    assert Entry.objects.filter(body="Met the team.").count() == 1


def test_someone_elses_key_makes_nothing_and_says_so(world):
    inquiry = world.inquiry()
    key = uuid.uuid4()
    services.comment_create(inquiry=inquiry, author=world.coach, body="A", submission_key=key)

    with pytest.raises(ValidationError, match="This form was sent already"):
        services.comment_create(inquiry=inquiry, author=world.owner, body="B", submission_key=key)

    assert not Comment.objects.filter(body="B").exists()


def test_a_new_inquiry_form_sent_twice_starts_one_inquiry(client, world):
    client.force_login(world.owner)
    data = {
        "cohort": world.cohort.pk,
        "title": "Night buses",
        "question": "How might we meet people where they wait?",
        "visibility": Visibility.COACHES,
        "submission_key": uuid.uuid4(),
    }

    first, second = send_twice(client, reverse("inquiries:create"), data)

    assert first.status_code == second.status_code == 302
    assert first.url == second.url
    assert world.owner.inquiries.filter(title="Night buses").count() == 1


def test_a_new_cycle_form_sent_twice_starts_one_cycle_and_says_so_both_times(client, world):
    inquiry = world.inquiry()
    inquiry.cycles.update(closed_on=inquiry.cycles.get().started_on, learned="Ask first.")
    client.force_login(world.owner)
    url = reverse("inquiries:cycle_start", args=[inquiry.pk])
    key = client.get(url).context["form"]["submission_key"].value()
    data = {"intention": "Ask the drivers.", "submission_key": key}

    first, second = (client.post(url, data, follow=True) for _ in range(2))

    for response in (first, second):
        assert response.redirect_chain == [(inquiry.get_absolute_url(), 302)]
        assert [str(m) for m in response.context["messages"]] == ["Cycle 2 started: plan."]
    assert inquiry.cycles.count() == 2


def test_two_new_cycles_sent_at_once_start_one_the_lock_deciding(world, monkeypatch):
    inquiry = world.inquiry()
    inquiry.cycles.update(closed_on=inquiry.cycles.get().started_on, learned="Ask first.")
    key = uuid.uuid4()
    first = services.cycle_start(
        inquiry=inquiry, user=world.owner, intention="Ask the drivers.", submission_key=key
    )
    first_look_finds_nothing(monkeypatch)  # then it waited for the inquiry's lock

    second = services.cycle_start(
        inquiry=inquiry, user=world.owner, intention="Ask the drivers.", submission_key=key
    )

    assert second.pk == first.pk
    assert Cycle.objects.filter(inquiry=inquiry).count() == 2


def test_someone_elses_cycle_key_starts_nothing_and_says_so(world):
    theirs = InquiryFactory(owner=world.fellow, cohort=world.cohort)
    key = uuid.uuid4()
    services.cycle_start(inquiry=theirs, user=world.fellow, intention="Theirs.", submission_key=key)
    mine = InquiryFactory(owner=world.owner, cohort=world.cohort)

    with pytest.raises(ValidationError, match="This form was sent already"):
        services.cycle_start(inquiry=mine, user=world.owner, intention="Mine.", submission_key=key)

    assert not mine.cycles.exists()
