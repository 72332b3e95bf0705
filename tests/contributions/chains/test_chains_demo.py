"""The demo's chains: two demo inquiries shared with the whole cohort seek the same benefit,
so the demo board shows where their work meets; running it again changes nothing."""

import pytest
from django.urls import reverse

from accounts import demo as accounts_demo
from accounts.demo import demo_person
from cohorts import demo as cohorts_demo
from contributions import chains_demo
from contributions.models import InquiryChain
from inquiries import demo as inquiries_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    for step in (accounts_demo.seed, cohorts_demo.seed, inquiries_demo.seed, chains_demo.seed):
        step()


def test_a_demo_participant_sees_two_inquiries_meet_on_a_shared_benefit(client, demo):
    client.force_login(demo_person("participant2@example.com"))

    response = client.get(reverse("contributions:board", args=[chains_demo.COHORT]))

    (meeting,) = response.context["shared_benefits"]
    assert {chain.inquiry.title for chain in meeting.chains} == {
        "What the outreach van hears",
        "Housing first conversations",
    }
    (user,) = response.context["shared_users"]
    assert user.words == "Housing officers"  # as the first inquiry, by title, wrote it


def test_seeding_again_changes_nothing(demo):
    before = list(InquiryChain.objects.order_by("pk").values())

    assert chains_demo.seed() == "Demo benefit chains: 0 created, 3 already there."
    assert list(InquiryChain.objects.order_by("pk").values()) == before
    assert len(before) == 3
