"""Notifications in the app and by email. None ever names what its reader can no longer see."""

import datetime
import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.urls import reverse
from django.utils.html import escape

from cohorts.models import Membership
from inquiries.models import Comment, Entry, Notification, NotificationSettings
from tests.factories import CycleFactory
from tests.inquiries.test_access import CASES, SEES

pytestmark = pytest.mark.django_db

LIST = "/me/notifications/"
NOTIFICATIONS_PAGE_BUDGET = 8


def comment(client, user, inquiry, body="Who else was there?", **extra):
    client.force_login(user)
    response = client.post(
        reverse("inquiries:comment_create", args=[inquiry.pk]), {"body": body, **extra}
    )
    assert response.status_code == 302
    return Comment.objects.latest("pk")


def add_entry(client, world, inquiry, body="Walked the high street."):
    client.force_login(world.owner)
    response = client.post(
        reverse("inquiries:entry_create", args=[inquiry.pk, 1, "action"]),
        {"body": body, "occurred_on": "2026-10-01"},
    )
    assert response.status_code == 302


def choose(user, email):
    NotificationSettings.objects.update_or_create(user=user, defaults={"email": email})


# Who sees which notifications: Notification.objects.visible_to, the one rule.


def notify(person, inquiry):
    return Notification.objects.create(
        recipient=person, actor=inquiry.owner, kind="entry", inquiry=inquiry
    )


@pytest.mark.parametrize(("role", "visibility"), [c for c in CASES if c[0] != "anonymous"])
def test_a_person_sees_their_notifications_about_what_they_may_see(world, role, visibility):
    inquiry = world.inquiry(visibility)
    notification = notify(world.person(role), inquiry)
    expected = [notification] if role in SEES[visibility] else []

    assert list(Notification.objects.visible_to(world.person(role))) == expected
    annotated = Notification.objects.addressed_to(world.person(role)).with_still_visible(
        world.person(role)
    )
    assert [n.still_visible for n in annotated] == [role in SEES[visibility]]


def test_nobody_sees_someone_elses_notifications(world):
    inquiry = world.inquiry("cohort")
    notify(world.coach, inquiry)

    for person in (world.owner, world.fellow, world.facilitator, world.staff, AnonymousUser()):
        assert not Notification.objects.visible_to(person).exists()
        assert not Notification.objects.addressed_to(person).exists()


def test_a_coach_removed_from_the_cohort_no_longer_sees_its_notifications(world):
    notification = notify(world.coach, world.inquiry("coaches"))
    assert list(Notification.objects.visible_to(world.coach)) == [notification]

    Membership.objects.filter(user=world.coach, cohort=world.cohort).delete()

    assert not Notification.objects.visible_to(world.coach).exists()
    assert list(Notification.objects.addressed_to(world.coach)) == [notification]


def test_an_owner_removed_from_the_cohort_still_sees_those_about_their_own_inquiry(world):
    inquiry = world.inquiry("cohort")
    about_own = Notification.objects.create(
        recipient=world.owner, actor=world.coach, kind="comment", inquiry=inquiry
    )
    fellow_hears = notify(world.fellow, inquiry)

    Membership.objects.filter(user=world.owner, cohort=world.cohort).delete()

    assert list(Notification.objects.visible_to(world.owner)) == [about_own]
    assert not Notification.objects.visible_to(world.fellow).filter(pk=fellow_hears.pk).exists()


# In the app


def test_the_owner_hears_of_a_comment_and_opening_it_marks_it_read(client, world):
    inquiry = world.inquiry("coaches")
    posted = comment(client, world.coach, inquiry)

    client.force_login(world.owner)
    page = client.get(LIST).content.decode()
    line = f"{escape(world.coach.public_name)} commented on your inquiry <em>{inquiry.title}</em>"
    assert line in page
    assert '1<span class="visually-hidden"> unread' in client.get("/me/").content.decode()

    opened = client.get(reverse("notifications:open", args=[Notification.objects.get().pk]))

    assert opened.url == f"{inquiry.get_absolute_url()}#comment-{posted.pk}"
    assert Notification.objects.get().read_at is not None
    assert 'visually-hidden"> unread' not in client.get("/me/").content.decode()


def test_a_reply_tells_the_commenter_and_the_owner(client, world):
    inquiry = world.inquiry("cohort")
    question = comment(client, world.coach, inquiry, body="What did they say?")

    comment(client, world.fellow, inquiry, body="I was there too.", parent=question.pk)

    kinds = dict(
        Notification.objects.filter(comment__parent=question).values_list(
            "recipient__email", "kind"
        )
    )
    assert kinds == {world.coach.email: "reply", world.owner.email: "comment"}


def test_a_new_entry_tells_the_coaches_who_can_see_it_and_nobody_else(client, world):
    inquiry = world.inquiry("cohort")

    add_entry(client, world, inquiry)

    assert list(Notification.objects.values_list("recipient", "kind")) == [
        (world.coach.pk, "entry")
    ]


def test_nobody_hears_of_an_entry_in_a_private_inquiry(client, world):
    inquiry = world.inquiry("private")

    add_entry(client, world, inquiry)

    assert not Notification.objects.exists()


def test_nobody_is_told_about_their_own_comment(client, world):
    inquiry = world.inquiry("coaches")

    comment(client, world.owner, inquiry, body="A note to myself.")

    assert not Notification.objects.exists()


@pytest.mark.parametrize("change", ["narrowed", "removed"])
def test_a_notification_says_nothing_once_its_reader_cannot_see_the_inquiry(client, world, change):
    inquiry = world.inquiry("coaches")
    add_entry(client, world, inquiry, body="Something sensitive.")
    if change == "narrowed":
        inquiry.visibility = "private"
        inquiry.save()
    else:
        Membership.objects.filter(user=world.coach, cohort=world.cohort).delete()

    client.force_login(world.coach)
    page = client.get(LIST).content.decode()
    opened = client.get(reverse("notifications:open", args=[Notification.objects.get().pk]))

    assert "Something you can no longer see." in page
    assert inquiry.title not in page
    assert world.owner.public_name not in page
    assert client.get(opened.url).status_code == 404


def test_nobody_opens_someone_elses_notification(client, world):
    inquiry = world.inquiry("coaches")
    comment(client, world.coach, inquiry)

    client.force_login(world.fellow)
    response = client.get(reverse("notifications:open", args=[Notification.objects.get().pk]))

    assert response.status_code == 404
    assert Notification.objects.get().read_at is None


def test_notifications_are_newest_first_and_paginated(client, world):
    inquiry = world.inquiry("cohort")
    for n in range(25):
        Comment.objects.create(inquiry=inquiry, author=world.coach, body=f"c{n}", body_html="x")
    for c in Comment.objects.order_by("pk"):
        Notification.objects.create(
            recipient=world.owner, actor=world.coach, kind="comment", inquiry=inquiry, comment=c
        )
    newest = Notification.objects.order_by("-pk").first()
    client.force_login(world.owner)

    first = client.get(LIST).content.decode()
    second = client.get(LIST + "?page=2").content.decode()

    assert first.count('<li class="notification') == 20
    assert second.count('<li class="notification') == 5
    assert first.index(reverse("notifications:open", args=[newest.pk])) < first.index(
        reverse("notifications:open", args=[newest.pk - 1])
    )


@pytest.mark.parametrize("count", [5, 40])
def test_the_notifications_page_keeps_its_budget(
    client, world, django_assert_max_num_queries, count
):
    inquiry = world.inquiry("coaches")
    Notification.objects.bulk_create(
        Notification(recipient=world.coach, actor=world.owner, kind="entry", inquiry=inquiry)
        for _ in range(count)
    )
    client.force_login(world.coach)

    with django_assert_max_num_queries(NOTIFICATIONS_PAGE_BUDGET):
        response = client.get(LIST)

    assert response.content.decode().count(inquiry.title) == min(count, 20)


# Email


def test_an_email_for_each_comment_names_it_and_links_to_it(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    inquiry = world.inquiry("coaches")

    with django_capture_on_commit_callbacks(execute=True):
        comment(client, world.coach, inquiry)

    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == [world.owner.email]
    assert inquiry.title in message.subject
    assert "/me/notifications/" in message.body
    assert "Who else was there?" not in message.body


def test_no_email_for_people_who_chose_none_or_a_digest(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    inquiry = world.inquiry("coaches")
    choose(world.owner, "digest")
    choose(world.coach, "none")

    with django_capture_on_commit_callbacks(execute=True):
        comment(client, world.coach, inquiry)
        add_entry(client, world, inquiry)

    assert mailoutbox == []
    assert Notification.objects.count() == 2


def test_the_daily_digest_sends_once_and_leaves_out_what_is_no_longer_visible(
    client, world, mailoutbox
):
    shown = world.inquiry("cohort", title="Pharmacy conversations")
    hidden = world.inquiry("cohort", title="Rota troubles")
    choose(world.coach, "digest")
    for inquiry in (shown, hidden):
        Notification.objects.create(
            recipient=world.coach, actor=world.owner, kind="entry", inquiry=inquiry
        )
    hidden.visibility = "private"
    hidden.save()

    call_command("send_digests")
    call_command("send_digests")

    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [world.coach.email]
    assert "Pharmacy conversations" in mailoutbox[0].body
    assert "Rota troubles" not in mailoutbox[0].body
    assert "1 new" in mailoutbox[0].subject


def test_the_email_choice_is_made_on_the_profile_page(client, world):
    client.force_login(world.owner)
    assert "One email a day, with everything" in client.get("/me/").content.decode()

    client.post(reverse("notifications:settings"), {"email": "digest"})

    assert NotificationSettings.objects.get(user=world.owner).email == "digest"
    assert re.search(r'value="digest"[^>]*checked', client.get("/me/").content.decode())


def test_a_notification_about_an_older_cycle_opens_on_its_page(client, world):
    inquiry = world.inquiry("cohort")
    Entry.objects.all().delete()
    inquiry.cycles.update(closed_on=datetime.date.today())
    for number in range(2, 8):
        CycleFactory(inquiry=inquiry, number=number, closed_on=datetime.date.today())
    entry = Entry.objects.create(
        cycle=inquiry.cycles.get(number=1), kind="action", body="Old", body_html="<p>Old</p>"
    )
    comment(client, world.coach, inquiry, body="On the first cycle.", entry=entry.pk)

    client.force_login(world.owner)
    opened = client.get(reverse("notifications:open", args=[Notification.objects.get().pk]))

    assert opened.url.startswith(f"{inquiry.get_absolute_url()}?page=2#comment-")
    assert "On the first cycle." in client.get(opened.url).content.decode()


def test_the_header_count_leaves_out_what_the_reader_can_no_longer_see(client, world):
    inquiry = world.inquiry("coaches")
    Notification.objects.create(
        recipient=world.coach, actor=world.owner, kind="entry", inquiry=inquiry
    )
    client.force_login(world.coach)
    assert 'class="count-badge">1<' in client.get("/cohorts/").content.decode()

    inquiry.visibility = "private"
    inquiry.save()

    assert "count-badge" not in client.get("/cohorts/").content.decode()
