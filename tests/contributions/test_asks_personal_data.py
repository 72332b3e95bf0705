"""Asks, offers and their messages in a person's export, and what deleting the account
does to them: theirs go; a thread another person wrote in keeps its place."""

import io
import json
import zipfile

import pytest
from django.urls import reverse

from accounts import deletion
from contributions import asks, relationships
from contributions.models import Ask, Offer, OfferMessage
from inquiries.models import Notification
from tests.contributions.conftest import make_ask, make_offer

pytestmark = pytest.mark.django_db

GONE = deletion.DeletionChoices(keep_byline=False)


def exported(client, user) -> dict:
    client.force_login(user)
    response = client.get(reverse("accounts:export_download"))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    [name] = [n for n in archive.namelist() if n.endswith("cylch-export.json")]
    return json.loads(archive.read(name))["sections"]


def test_the_export_holds_my_asks_offers_and_messages_and_not_others_words(client, world):
    mine = make_ask(world, title="A GP for rough sleepers", sectors=["health"])
    offer = make_offer(world, make_ask(world, author=world.fellow, title="Fellow asks"))
    asks.offer_reply(offer=offer, author=world.fellow, body="The fellow's reply.")
    asks.offer_reply(offer=offer, author=world.helper, body="My second message.")
    make_offer(world, mine, offerer=world.coach, body="The coach's offer to someone else.")

    sections = exported(client, world.helper)
    assert sections["asks"] == []
    assert [o["ask_title"] for o in sections["offers"]] == ["Fellow asks"]
    assert [m["body"] for m in sections["offer_messages"]] == [
        "I can ask our tenancy team today.",
        "My second message.",
    ]
    text = json.dumps(sections)
    assert "The fellow's reply." not in text
    assert "The coach's offer" not in text

    asker = exported(client, world.asker)
    assert [(a["title"], a["sectors"]) for a in asker["asks"]] == [
        ("A GP for rough sleepers", ["health"])
    ]
    assert "The coach's offer" not in json.dumps(asker)


def test_an_offer_on_an_ask_i_can_no_longer_see_is_exported_alone(client, world):
    make_offer(world, make_ask(world))
    world.helper.memberships.get(cohort=world.cohort).delete()
    [offer] = exported(client, world.helper)["offers"]
    assert offer["ask_title"] is None


def test_the_delete_page_counts_them(client, world):
    make_ask(world, author=world.helper)
    make_offer(world, make_ask(world))
    client.force_login(world.helper)
    page = client.get(reverse("accounts:delete")).content.decode()
    assert "1 ask" in page
    assert "1 offer of help" in page


def test_deleting_the_askers_account_removes_their_asks_threads_and_the_news_of_them(world):
    ask = make_ask(world)
    offer = make_offer(world, ask)
    asks.offer_take_up(offer=offer, user=world.asker)
    assert Notification.objects.filter(recipient=world.helper).exists()

    deletion.delete_account(world.asker, GONE)

    assert not Ask.objects.exists()
    assert not Offer.objects.exists()
    assert not OfferMessage.objects.exists()
    assert not Notification.objects.exists()


def test_an_offer_nobody_answered_goes_with_its_offerer(world):
    make_offer(world, make_ask(world))
    deletion.delete_account(world.helper, GONE)
    assert not Offer.objects.exists()
    assert not Notification.objects.exists()  # the asker's news of it went with it
    assert Ask.objects.count() == 1


def test_a_thread_the_asker_replied_in_keeps_its_place_with_the_offerers_words_removed(
    client, world
):
    offer = make_offer(world, make_ask(world), body="Ring me on the duty line.")
    asks.offer_reply(offer=offer, author=world.asker, body="Thank you, I will.")

    deletion.delete_account(world.helper, GONE)

    offer.refresh_from_db()
    assert offer.offerer is None
    client.force_login(world.asker)
    page = client.get(offer.get_absolute_url()).content.decode()
    assert "Ring me on the duty line." not in page
    assert "Removed." in page
    assert "A former member" in page
    assert "Thank you, I will." in page
    assert "Take up this offer" not in page
    assert 'name="body"' not in page  # nobody left to write to


def test_an_offer_taken_up_stays_a_link_between_organisations(world):
    offer = make_offer(world, make_ask(world))
    asks.offer_take_up(offer=offer, user=world.asker)

    deletion.delete_account(world.helper, GONE)

    [link] = relationships.offer_link_events(world.asker, world.cohort)
    assert {link.org_a, link.org_b} == {world.police.pk, world.housing.pk}
    assert OfferMessage.objects.get().body == ""
