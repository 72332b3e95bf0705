"""Each notification says who did what to which thing, the same in the list and in the
email; "Mark all as read" reads only one's own."""

import pytest
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.urls import reverse
from django.utils.html import escape

from inquiries.models import Comment, Entry, Notification, NotificationSettings
from tests.inquiries.test_notifications import NOTIFICATIONS_PAGE_BUDGET

pytestmark = pytest.mark.django_db

LIST = "/me/notifications/"
TITLE = "Meeting young people at the bus station"


def post(client, user, url, data):
    client.force_login(user)
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:500]


def write_entry(client, world, inquiry, kind, body):
    url = reverse("inquiries:entry_create", args=[inquiry.pk, 1, kind])
    post(client, world.owner, url, {"body": body, "occurred_on": "2026-10-01"})
    return Entry.objects.latest("pk")


def write_comment(client, user, inquiry, body, **extra):
    post(
        client,
        user,
        reverse("inquiries:comment_create", args=[inquiry.pk]),
        {"body": body, **extra},
    )
    return Comment.objects.latest("pk")


# Each scenario: what happens, then who hears, and the line they read (plain text, with
# the title where {title} stands).


def an_action(client, world, inquiry):
    write_entry(client, world, inquiry, "action", "Waited at the bus station.")
    return world.coach, "{owner} logged an action in cycle 1 of {title}"


def a_reflection(client, world, inquiry):
    write_entry(client, world, inquiry, "reflection", "## What happened\nThey talked.")
    return world.coach, "{owner} wrote a reflection in cycle 1 of {title}"


def a_comment_on_the_inquiry(client, world, inquiry):
    write_comment(client, world.coach, inquiry, "Who else was there?")
    return world.owner, "{coach} commented on your inquiry {title}"


def a_comment_on_a_reflection(client, world, inquiry):
    entry = Entry.objects.create(
        cycle=inquiry.cycles.get(), kind="reflection", body="Hm", body_html="<p>Hm</p>"
    )
    write_comment(client, world.coach, inquiry, "Why then?", entry=entry.pk)
    return world.owner, "{coach} commented on your reflection in cycle 1 of {title}"


def a_reply_to_the_coach_on_an_action(client, world, inquiry):
    entry = inquiry.cycles.get().entries.get()
    question = write_comment(client, world.coach, inquiry, "Why then?", entry=entry.pk)
    write_comment(client, world.fellow, inquiry, "Buses.", parent=question.pk)
    return world.coach, "{fellow} replied to your comment on an action in cycle 1 of {title}"


def a_reply_told_to_the_owner(client, world, inquiry):
    entry = inquiry.cycles.get().entries.get()
    question = write_comment(client, world.coach, inquiry, "Why then?", entry=entry.pk)
    Notification.objects.all().delete()
    write_comment(client, world.fellow, inquiry, "Buses.", parent=question.pk)
    return world.owner, "{fellow} replied to a comment on your action in cycle 1 of {title}"


def a_reply_on_the_inquiry(client, world, inquiry):
    question = write_comment(client, world.fellow, inquiry, "Where?")
    write_comment(client, world.coach, inquiry, "The station.", parent=question.pk)
    return world.fellow, "{coach} replied to your comment on {title}"


SCENARIOS = [
    an_action,
    a_reflection,
    a_comment_on_the_inquiry,
    a_comment_on_a_reflection,
    a_reply_to_the_coach_on_an_action,
    a_reply_told_to_the_owner,
    a_reply_on_the_inquiry,
]


def names(world):
    return {"owner": world.owner, "coach": world.coach, "fellow": world.fellow}


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.__name__)
def test_each_kind_of_notification_says_who_did_what_to_which_thing(
    client, world, scenario, mailoutbox, django_capture_on_commit_callbacks
):
    inquiry = world.inquiry("cohort", title=TITLE)
    with django_capture_on_commit_callbacks(execute=True):
        reader, line = scenario(client, world, inquiry)
    people = {role: person.public_name for role, person in names(world).items()}

    client.force_login(reader)
    page = client.get(LIST).content.decode()
    shown = escape(line.format(title="{title}", **people)).format(title=f"<em>{TITLE}</em>")
    assert shown in page

    (email,) = [m for m in mailoutbox if m.to == [reader.email]]
    in_words = line.format(title=f"“{TITLE}”", **people)
    assert email.subject == f"[Cylch] {in_words}"
    assert email.body.startswith(in_words)


def test_the_daily_digest_words_each_line_the_same_way(client, world, mailoutbox):
    inquiry = world.inquiry("cohort", title=TITLE)
    NotificationSettings.objects.create(user=world.coach, email="digest")
    write_entry(client, world, inquiry, "reflection", "## What happened\nThey talked.")

    call_command("send_digests")

    (digest,) = mailoutbox
    expected = f"{world.owner.public_name} wrote a reflection in cycle 1 of “{TITLE}”"
    assert f"- {expected}\n" in digest.body


def test_titles_and_names_are_escaped_in_the_page_and_plain_in_the_email(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    inquiry = world.inquiry("cohort", title="Buses <b>& trains</b>")
    world.coach.display_name = "Cerys <i>Coach</i>"
    world.coach.save()

    with django_capture_on_commit_callbacks(execute=True):
        write_comment(client, world.coach, inquiry, "Who?")

    client.force_login(world.owner)
    page = client.get(LIST).content.decode()
    assert (
        "Cerys &lt;i&gt;Coach&lt;/i&gt; commented on your inquiry "
        "<em>Buses &lt;b&gt;&amp; trains&lt;/b&gt;</em>"
    ) in page
    assert "<b>&" not in page
    (email,) = mailoutbox
    assert (
        email.subject
        == "[Cylch] Cerys <i>Coach</i> commented on your inquiry “Buses <b>& trains</b>”"
    )


# Mark all as read


def test_mark_all_as_read_reads_only_ones_own_and_says_so(client, world):
    inquiry = world.inquiry("cohort")
    for reader in (world.owner, world.owner, world.coach):
        Notification.objects.create(
            recipient=reader, actor=world.fellow, kind="comment", inquiry=inquiry
        )
    client.force_login(world.owner)
    assert "Mark all as read" in client.get(LIST).content.decode()

    response = client.post(reverse("notifications:mark_all_read"), follow=True)

    assert response.redirect_chain == [(LIST, 302)]
    assert "All your notifications are marked as read." in response.content.decode()
    assert not Notification.objects.filter(recipient=world.owner, read_at__isnull=True).exists()
    assert Notification.objects.get(recipient=world.coach).read_at is None
    assert "Mark all as read" not in response.content.decode()
    assert 'visually-hidden"> unread' not in client.get("/me/").content.decode()


def test_mark_all_as_read_with_nothing_unread_says_so(client, world):
    client.force_login(world.owner)

    response = client.post(reverse("notifications:mark_all_read"))

    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert messages == ["You had no unread notifications."]


def test_mark_all_as_read_is_a_post_for_signed_in_people(client, world):
    url = reverse("notifications:mark_all_read")
    assert client.post(url).url.startswith("/accounts/login/")
    client.force_login(world.owner)
    assert client.get(url).status_code == 405


@pytest.mark.parametrize("count", [4, 40])
def test_the_notifications_page_keeps_its_budget_with_every_kind_of_line(
    client, world, django_assert_max_num_queries, count
):
    inquiry = world.inquiry("cohort", title=TITLE)
    cycle = inquiry.cycles.get()
    for n in range(count // 4):
        action = Entry.objects.create(cycle=cycle, kind="action", body="a", body_html="a")
        reflection = Entry.objects.create(cycle=cycle, kind="reflection", body="r", body_html="r")
        question = Comment.objects.create(inquiry=inquiry, entry=action, author=world.coach)
        reply = Comment.objects.create(
            inquiry=inquiry, entry=action, parent=question, author=world.fellow
        )
        Notification.objects.bulk_create(
            [
                Notification(
                    recipient=world.owner, actor=world.coach, kind="comment", inquiry=inquiry
                ),
                Notification(
                    recipient=world.owner,
                    actor=world.coach,
                    kind="comment",
                    inquiry=inquiry,
                    entry=reflection,
                ),
                Notification(
                    recipient=world.owner,
                    actor=world.fellow,
                    kind="comment",
                    inquiry=inquiry,
                    entry=action,
                    comment=reply,
                ),
                Notification(
                    recipient=world.owner,
                    actor=None if n % 2 else world.fellow,
                    kind="reply",
                    inquiry=inquiry,
                    entry=action,
                    comment=reply,
                ),
            ]
        )
    client.force_login(world.owner)

    with django_assert_max_num_queries(NOTIFICATIONS_PAGE_BUDGET):
        response = client.get(LIST)

    page = response.content.decode()
    assert page.count(f"<em>{TITLE}</em>") == min(count, 20)
    assert "replied to a comment on your action in cycle 1" in page
    assert "commented on your reflection in cycle 1" in page
