"""The demo's asks (contributions/asks_demo.py), after the demos it builds on."""

import pytest
from django.test.utils import override_settings

from accounts import demo as accounts_demo
from cohorts import demo as cohorts_demo
from contributions import asks_demo, relationships
from contributions.models import Ask, Offer
from inquiries import demo as inquiries_demo

pytestmark = pytest.mark.django_db


@override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend")
def test_the_demo_has_open_asks_one_met_with_an_offer_taken_up_and_runs_twice_the_same():
    for step in (accounts_demo.seed, cohorts_demo.seed, inquiries_demo.seed):
        step()
    assert asks_demo.seed() == "Demo asks: 3 created, 0 already there."
    assert asks_demo.seed() == "Demo asks: 0 created, 3 already there."

    assert Ask.objects.still_open().count() == 2
    taken = Offer.objects.get(taken_up_at__isnull=False)
    assert taken.ask.closing_note == "Gwen found a slot on Thursday."
    assert taken.messages.count() == 3
    [link] = relationships.offer_link_events(taken.ask.author, taken.ask.cohort)
    assert {link.org_a, link.org_b} == {taken.ask.organisation_id, taken.organisation_id}
    assert (taken.ask.organisation.name, taken.organisation.name) == (
        "North Wales Police",
        "Clwyd Alyn Housing",
    )
    assert Ask.objects.filter(inquiry__isnull=False).count() == 2
