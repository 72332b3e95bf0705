"""Offers of help: making one, its thread between the asker and the offerer alone,
taking it up, the notifications and emails each makes, and the links the map draws."""

import uuid

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from cohorts.models import CohortStatus
from contributions import asks, relationships
from contributions.models import Offer, OfferMessage
from inquiries.models import EmailChoice, Notification, NotificationKind, NotificationSettings
from inquiries.notifications import send_digests
from tests.contributions.conftest import make_ask, make_offer

pytestmark = pytest.mark.django_db


def offer_url(world, ask):
    return reverse("contributions:offer_create", args=[world.cohort.slug, ask.pk])


def take_up_url(world, offer):
    return reverse("contributions:offer_take_up", args=[world.cohort.slug, offer.ask_id, offer.pk])


def post_offer(client, world, ask, body="I can ask our tenancy team today."):
    return client.post(offer_url(world, ask), {"body": body, "submission_key": str(uuid.uuid4())})


# Offering


@pytest.mark.parametrize("role", ["helper", "coach", "facilitator"])
def test_a_member_offers_help_and_the_asker_is_told_in_the_app_and_by_email(
    client, world, role, django_capture_on_commit_callbacks
):
    ask = make_ask(world)
    offerer = getattr(world, role)
    client.force_login(offerer)
    with django_capture_on_commit_callbacks(execute=True):
        response = post_offer(client, world, ask)

    offer = Offer.objects.get()
    assert response.status_code == 302
    assert response["Location"] == offer.get_absolute_url()
    assert offer.offerer == offerer
    assert [m.body for m in offer.messages.all()] == ["I can ask our tenancy team today."]
    notification = Notification.objects.get()
    assert (notification.recipient, notification.kind) == (world.asker, NotificationKind.OFFER_MADE)
    assert Notification.objects.visible_to(world.asker).get() == notification
    [email] = mail.outbox
    assert email.to == [world.asker.email]
    assert email.subject == (
        f"[Cylch] {offerer.public_name} offered help with your ask "
        "“Someone in housing for a same-week appointment”"
    )


def test_the_notification_opens_the_offers_thread(client, world):
    ask = make_ask(world)
    offer = make_offer(world, ask)
    client.force_login(world.asker)
    listing = client.get(reverse("notifications:list")).content.decode()
    assert "offered help with your ask" in listing
    notification = Notification.objects.get()
    response = client.get(reverse("notifications:open", args=[notification.pk]))
    assert response["Location"] == offer.get_absolute_url()
    assert client.get(response["Location"]).status_code == 200


def test_the_asker_cannot_offer_on_their_own_ask(client, world):
    ask = make_ask(world)
    client.force_login(world.asker)
    assert "Send my offer" not in client.get(ask.get_absolute_url()).content.decode()
    response = post_offer(client, world, ask)
    assert "This is your own ask" in response.content.decode()
    assert not Offer.objects.exists()


def test_a_member_of_another_cohort_gets_404_and_anonymous_the_login(client, world):
    ask = make_ask(world)
    client.force_login(world.outsider)
    assert post_offer(client, world, ask).status_code == 404
    client.logout()
    response = post_offer(client, world, ask)
    assert response["Location"].startswith(reverse("account_login"))
    assert not Offer.objects.exists()


def test_an_empty_offer_is_refused_through_the_error_summary(client, world):
    ask = make_ask(world)
    client.force_login(world.helper)
    page = post_offer(client, world, ask, body="  ").content.decode()
    assert 'class="error-summary' in page
    assert "Write a few words before you send it." in page
    assert not Offer.objects.exists()


def test_sending_the_offer_twice_makes_one_and_tells_the_asker_once(client, world):
    ask = make_ask(world)
    client.force_login(world.helper)
    data = {"body": "I can help.", "submission_key": str(uuid.uuid4())}
    client.post(offer_url(world, ask), data)
    client.post(offer_url(world, ask), data)
    assert Offer.objects.count() == 1
    assert OfferMessage.objects.count() == 1
    assert Notification.objects.count() == 1


def test_one_offer_per_person_then_their_thread_is_where_to_write(client, world):
    ask = make_ask(world)
    make_offer(world, ask)
    client.force_login(world.helper)
    page = client.get(ask.get_absolute_url()).content.decode()
    assert "Send my offer" not in page
    assert "Your offer and its messages" in page


def test_a_closed_ask_takes_no_offers(client, world):
    ask = make_ask(world)
    asks.ask_close(ask=ask, user=world.asker)
    client.force_login(world.helper)
    assert "This ask is closed" in post_offer(client, world, ask).content.decode()
    assert not Offer.objects.exists()


def test_nothing_is_offered_in_a_closed_cohort(client, world):
    ask = make_ask(world)
    world.cohort.status = CohortStatus.CLOSED
    world.cohort.save()
    client.force_login(world.helper)
    assert post_offer(client, world, ask).status_code == 403
    assert not Offer.objects.exists()


# The thread: the asker and the offerer, nobody else


@pytest.mark.parametrize(
    ("role", "status"),
    [("asker", 200), ("helper", 200), ("fellow", 404), ("coach", 404), ("facilitator", 404)],
)
def test_only_the_asker_and_the_offerer_see_the_thread(client, world, role, status):
    ask = make_ask(world)
    offer = make_offer(world, ask, body="Our duty officer has Thursday slots.")
    client.force_login(getattr(world, role))
    response = client.get(offer.get_absolute_url())
    assert response.status_code == status
    ask_page = client.get(ask.get_absolute_url()).content.decode()
    assert ("Our duty officer" in ask_page) is False  # the ask's page shows no offer's text
    assert (offer.get_absolute_url() in ask_page) is (status == 200)
    assert "1 offer of help so far." in ask_page


def test_the_thread_says_who_sees_it(client, world):
    offer = make_offer(world, make_ask(world))
    client.force_login(world.helper)
    page = client.get(offer.get_absolute_url()).content.decode()
    assert "Only the person who asked and the person who offered can see these messages." in page


def test_a_member_of_another_cohort_and_anonymous_see_no_thread(client, world):
    offer = make_offer(world, make_ask(world))
    client.force_login(world.outsider)
    assert client.get(offer.get_absolute_url()).status_code == 404
    client.logout()
    assert client.get(offer.get_absolute_url())["Location"].startswith(reverse("account_login"))


def test_both_reply_and_each_is_told_of_the_others_message(
    client, world, django_capture_on_commit_callbacks
):
    offer = make_offer(world, make_ask(world))
    mail.outbox.clear()
    client.force_login(world.asker)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(offer.get_absolute_url(), {"body": "Thursday works. Who do I ring?"})
    client.force_login(world.helper)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(offer.get_absolute_url(), {"body": "Ring Sam on the duty line."})

    page = client.get(offer.get_absolute_url()).content.decode()
    assert page.index("Thursday works.") < page.index("Ring Sam on the duty line.")
    replies = Notification.objects.filter(kind=NotificationKind.OFFER_REPLY)
    assert {(n.recipient, n.actor) for n in replies} == {
        (world.helper, world.asker),
        (world.asker, world.helper),
    }
    assert [email.to for email in mail.outbox] == [[world.helper.email], [world.asker.email]]
    assert "replied about the offer of help on" in mail.outbox[0].subject


@pytest.mark.parametrize("role", ["fellow", "coach"])
def test_nobody_else_writes_in_the_thread(client, world, role):
    offer = make_offer(world, make_ask(world))
    client.force_login(getattr(world, role))
    assert client.post(offer.get_absolute_url(), {"body": "Me too!"}).status_code == 404
    assert offer.messages.count() == 1


# Taking it up


def test_the_asker_takes_the_offer_up_and_the_offerer_is_told(
    client, world, django_capture_on_commit_callbacks
):
    offer = make_offer(world, make_ask(world))
    mail.outbox.clear()
    client.force_login(world.asker)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(take_up_url(world, offer))
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.is_taken_up
    notification = Notification.objects.get(kind=NotificationKind.OFFER_TAKEN_UP)
    assert (notification.recipient, notification.actor) == (world.helper, world.asker)
    [email] = mail.outbox
    assert email.to == [world.helper.email]
    assert "took up your offer of help with" in email.subject
    assert "Taken up on" in client.get(offer.get_absolute_url()).content.decode()


def test_taking_up_twice_tells_the_offerer_once(client, world):
    offer = make_offer(world, make_ask(world))
    client.force_login(world.asker)
    client.post(take_up_url(world, offer))
    client.post(take_up_url(world, offer))
    assert Notification.objects.filter(kind=NotificationKind.OFFER_TAKEN_UP).count() == 1


def test_only_the_asker_takes_an_offer_up(client, world):
    offer = make_offer(world, make_ask(world))
    client.force_login(world.helper)
    assert "Take up this offer" not in client.get(offer.get_absolute_url()).content.decode()
    assert client.post(take_up_url(world, offer)).status_code == 403
    client.force_login(world.coach)
    assert client.post(take_up_url(world, offer)).status_code == 404
    offer.refresh_from_db()
    assert not offer.is_taken_up


def test_taken_up_offers_are_links_between_two_organisations_for_the_map(world):
    ask = make_ask(world)
    taken = make_offer(world, ask)  # housing
    make_offer(world, ask, offerer=world.fellow)  # health, never taken up
    asks.offer_take_up(offer=taken, user=world.asker)
    same_organisation = make_ask(world, author=world.facilitator)  # health
    asks.offer_take_up(
        offer=make_offer(world, same_organisation, world.fellow), user=world.facilitator
    )

    [link] = relationships.offer_link_events(world.asker, world.cohort)
    assert {link.org_a, link.org_b} == {world.police.pk, world.housing.pk}
    assert (link.on, link.kind) == (timezone.localdate(), relationships.OFFER)


# Notifications follow the cohort; email headers stay one line


def test_a_person_who_left_the_cohort_no_longer_sees_the_notification(world):
    offer = make_offer(world, make_ask(world))
    asks.offer_take_up(offer=offer, user=world.asker)
    world.helper.memberships.get(cohort=world.cohort).delete()
    assert not Notification.objects.visible_to(world.helper).exists()
    assert Notification.objects.visible_to(world.asker).count() == 1


def test_a_title_and_a_name_with_line_breaks_and_control_characters_make_a_one_line_subject(
    world, django_capture_on_commit_callbacks
):
    ask = make_ask(world)
    type(ask).objects.filter(pk=ask.pk).update(title="Help\r\nBcc: all@example.org\x07 now")
    ask.refresh_from_db()
    world.helper.display_name = "Gwen\nHughes"
    world.helper.save()
    with django_capture_on_commit_callbacks(execute=True):
        make_offer(world, ask)
    [email] = mail.outbox
    assert "\n" not in email.subject and "\r" not in email.subject and "\x07" not in email.subject
    assert "Bcc: all@example.org now" in email.subject
    message = email.message()
    assert message["Bcc"] is None
    assert message.as_string().count("all@example.org") == 1  # in the subject only


def test_people_who_chose_a_digest_get_offers_in_it(world, django_capture_on_commit_callbacks):
    NotificationSettings.objects.create(user=world.asker, email=EmailChoice.DIGEST)
    with django_capture_on_commit_callbacks(execute=True):
        make_offer(world, make_ask(world))
    assert mail.outbox == []

    assert send_digests() == 1
    [email] = mail.outbox
    assert "offered help with your ask" in email.body


THREAD_PAGE_BUDGET = 9


@pytest.mark.parametrize("count", [3, 30])
def test_a_thread_costs_the_same_whatever_the_number_of_messages(
    client, world, count, django_assert_max_num_queries
):
    offer = make_offer(world, make_ask(world))
    for number in range(count):
        author = world.asker if number % 2 else world.helper
        asks.offer_reply(offer=offer, author=author, body=f"Message {number}")
    client.force_login(world.asker)
    with django_assert_max_num_queries(THREAD_PAGE_BUDGET):
        page = client.get(offer.get_absolute_url()).content.decode()
    assert page.count('class="thread__message"') == count + 1
