"""Services refuse what the pages never offer, whoever calls them."""

import pytest
from django.core.exceptions import ValidationError

from cohorts.models import CohortStatus
from inquiries import services
from inquiries.models import Entry, Inquiry
from tests.factories import CohortFactory, CycleFactory, EntryFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_an_inquiry_starts_only_in_an_open_cohort_of_ones_own(user):
    with pytest.raises(ValidationError):
        services.inquiry_create(owner=user, cohort=CohortFactory(), title="T", question="Q?")
    assert not Inquiry.objects.exists()


def test_a_closed_cohort_takes_no_new_inquiry(world):
    world.cohort.status = CohortStatus.CLOSED
    world.cohort.save()

    with pytest.raises(ValidationError):
        services.inquiry_create(owner=world.owner, cohort=world.cohort, title="T", question="Q?")


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


def test_a_failed_edit_keeps_no_half_written_revision():
    entry = EntryFactory()

    with pytest.raises(ValidationError):
        services.entry_update(
            entry=entry, user=entry.cycle.inquiry.owner, body="x" * 30_000, expected_version=1
        )

    entry.refresh_from_db()
    assert (entry.version, entry.revisions.count()) == (1, 0)


def test_cycles_are_numbered_in_order():
    cycle = CycleFactory(number=1, closed_on=None)
    inquiry = cycle.inquiry
    services.cycle_close(cycle=cycle, user=inquiry.owner, learned="L", next_step="N")

    second = services.cycle_start(inquiry=inquiry, user=inquiry.owner, intention="N")

    assert second.number == 2


def test_an_oversized_comment_is_refused_by_the_service_too(world):
    inquiry = world.inquiry("coaches")

    with pytest.raises(ValidationError):
        services.comment_create(inquiry=inquiry, author=world.coach, body="x" * 10_001)
