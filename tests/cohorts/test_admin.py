"""Staff manage issues, organisations and cohorts in the Wagtail admin."""

import pytest
from django.urls import reverse

from cohorts.models import ExpressionOfInterest, Membership, Organisation
from inquiries.models import Entry
from tests.factories import (
    EntryFactory,
    ExpressionOfInterestFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize("model", ["issue", "organisation", "cohort"])
def test_staff_list_and_add_each_kind_in_the_wagtail_admin(staff_client, model):
    assert staff_client.get(f"/admin/snippets/cohorts/{model}/").status_code == 200
    assert staff_client.get(f"/admin/snippets/cohorts/{model}/add/").status_code == 200


def test_merging_a_duplicate_moves_everything_to_the_kept_organisation(staff_client):
    kept = OrganisationFactory(name="North Wales Police", verified=True)
    duplicate = OrganisationFactory(name="N Wales Police", verified=False)
    membership = MembershipFactory(organisation=duplicate)
    interest = ExpressionOfInterestFactory(organisation=duplicate)

    response = staff_client.post(
        reverse("cohorts_organisation_merge"),
        {"source": duplicate.pk, "target": kept.pk},
        follow=True,
    )

    assert "“N Wales Police” is merged into “North Wales Police”." in response.content.decode()
    assert not Organisation.objects.filter(pk=duplicate.pk).exists()
    assert Membership.objects.get(pk=membership.pk).organisation == kept
    assert ExpressionOfInterest.objects.get(pk=interest.pk).organisation == kept


def test_merging_an_organisation_into_itself_is_refused(staff_client):
    organisation = OrganisationFactory()

    response = staff_client.post(
        reverse("cohorts_organisation_merge"),
        {"source": organisation.pk, "target": organisation.pk},
    )

    assert "Choose two different organisations to merge." in response.content.decode()
    assert Organisation.objects.filter(pk=organisation.pk).exists()


def test_people_without_the_permission_cannot_merge(client, people):
    client.force_login(people.facilitator)  # Facilitators reach the admin, not this

    assert client.get(reverse("cohorts_organisation_merge")).status_code in (302, 403)


def test_merging_keeps_the_organisations_tagged_on_entries(staff_client):
    kept = OrganisationFactory(name="Shelter Cymru")
    duplicate = OrganisationFactory(name="Shelter Wales")
    both = EntryFactory()
    both.organisations.set([kept, duplicate])
    only_duplicate = EntryFactory()
    only_duplicate.organisations.set([duplicate])

    staff_client.post(
        reverse("cohorts_organisation_merge"), {"source": duplicate.pk, "target": kept.pk}
    )

    assert list(Entry.objects.get(pk=both.pk).organisations.all()) == [kept]
    assert list(Entry.objects.get(pk=only_duplicate.pk).organisations.all()) == [kept]
