"""Staff (the Staff group, not superusers) manage issues, organisations and cohorts in
the Wagtail admin."""

import pytest
from django.urls import reverse

from cohorts.models import (
    Cohort,
    CohortEventKind,
    CohortStatus,
    ExpressionOfInterest,
    InvitationState,
    Issue,
    Membership,
    Organisation,
    Role,
)
from cohorts.services import invitation_create
from inquiries.models import Entry
from tests.factories import (
    EntryFactory,
    ExpressionOfInterestFactory,
    IssueFactory,
    MembershipFactory,
    OrganisationFactory,
    StaffFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(db):
    return StaffFactory()


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


@pytest.mark.parametrize("model", ["issue", "organisation", "cohort"])
def test_staff_list_and_add_each_kind_in_the_wagtail_admin(staff_client, model):
    assert staff_client.get(f"/admin/snippets/cohorts/{model}/").status_code == 200
    assert staff_client.get(f"/admin/snippets/cohorts/{model}/add/").status_code == 200


def test_staff_add_an_issue_and_verify_an_organisation(staff_client):
    organisation = OrganisationFactory(name="Wrexham Council", verified=False)

    added = staff_client.post(
        reverse("wagtailsnippets_cohorts_issue:add"),
        {"title": "Loneliness", "slug": "loneliness", "summary": "Who is alone, and why."},
    )
    changed = staff_client.post(
        reverse("wagtailsnippets_cohorts_organisation:edit", args=[organisation.pk]),
        {"name": organisation.name, "sector": organisation.sector, "verified": "on"},
    )

    assert (added.status_code, changed.status_code) == (302, 302)
    assert Issue.objects.filter(slug="loneliness").exists()
    organisation.refresh_from_db()
    assert organisation.verified


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


ORGANISATION_CHOOSER = "/admin/snippets/choose/cohorts/organisation/"


def test_the_organisation_chooser_shows_organisations_to_staff_only(client, people):
    organisation = OrganisationFactory(name="Aaberg Health Board")
    client.force_login(people.facilitator)  # Facilitators reach the admin, not organisations

    bulk_delete = client.get(f"/admin/bulk/cohorts/organisation/delete/?id={organisation.pk}")

    assert client.get(f"{ORGANISATION_CHOOSER}chosen/{organisation.pk}/").status_code == 404
    assert "Aaberg" not in client.get(ORGANISATION_CHOOSER).content.decode()
    assert bulk_delete.status_code in (302, 403)  # Wagtail turns 403 into a redirect
    assert "Aaberg" not in bulk_delete.content.decode()

    client.force_login(people.staff)

    assert "Aaberg Health Board" in client.get(ORGANISATION_CHOOSER).content.decode()
    chosen = client.get(f"{ORGANISATION_CHOOSER}chosen/{organisation.pk}/")
    assert chosen.json()["result"]["string"] == "Aaberg Health Board"


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


ADD_URL = reverse("wagtailsnippets_cohorts_cohort:add")


def new_cohort(**changes):
    return {
        "name": "Bangor 2027",
        "issue": IssueFactory().pk,
        "place": "Bangor",
        "starts_on": "2027-01-01",
        "ends_on": "2027-06-30",
        "capacity": "12",
        **changes,
    }


def test_a_cohort_created_in_the_admin_is_run_by_the_person_chosen(staff_client, staff):
    organisation = OrganisationFactory(name="Gwynedd Council")
    facilitator = MembershipFactory(organisation=organisation).user

    response = staff_client.post(ADD_URL, new_cohort(facilitator=facilitator.pk))

    assert response.status_code == 302
    cohort = Cohort.objects.get(name="Bangor 2027")
    assert (cohort.slug, cohort.status, cohort.created_by) == (
        "bangor-2027",
        CohortStatus.FORMING,
        staff,
    )
    membership = cohort.memberships.get()
    assert (membership.user, membership.role) == (facilitator, Role.FACILITATOR)
    assert membership.organisation == organisation  # from their latest membership
    assert not Membership.objects.filter(user=staff).exists()
    assert cohort.events.get().kind == CohortEventKind.CREATED
    assert cohort.events.get().actor == staff


def test_a_cohort_cannot_be_created_in_the_admin_without_a_facilitator(staff_client):
    response = staff_client.post(ADD_URL, new_cohort())

    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not Cohort.objects.filter(name="Bangor 2027").exists()


def test_staff_cannot_make_themselves_or_other_staff_the_facilitator(staff_client, staff):
    other_staff = StaffFactory()
    person = UserFactory()
    page = staff_client.get(ADD_URL).content.decode()
    choices = page[page.index('name="facilitator"') :].split("</select>")[0]
    assert person.email in choices
    assert staff.email not in choices
    assert other_staff.email not in choices

    for person in (staff, other_staff):
        response = staff_client.post(ADD_URL, new_cohort(facilitator=person.pk))

        assert "Select a valid choice." in response.content.decode()
    assert not Cohort.objects.filter(name="Bangor 2027").exists()
    assert not Membership.objects.filter(user__in=[staff, other_staff]).exists()


def edit(client, cohort, **changes):
    data = {
        "name": cohort.name,
        "slug": cohort.slug,
        "issue": cohort.issue_id,
        "place": cohort.place,
        "starts_on": cohort.starts_on.isoformat(),
        "ends_on": cohort.ends_on.isoformat(),
        "capacity": cohort.capacity,
        "status": cohort.status,
        **changes,
    }
    return client.post(reverse("wagtailsnippets_cohorts_cohort:edit", args=[cohort.pk]), data)


def test_closing_a_cohort_in_the_admin_goes_into_its_history(staff_client, staff, people):
    invitation, _token = invitation_create(
        cohort=people.cohort,
        email="pending@example.org",
        role=Role.PARTICIPANT,
        invited_by=people.facilitator,
    )

    response = edit(staff_client, people.cohort, status=CohortStatus.CLOSED, place="Rhyl")

    assert response.status_code == 302
    people.cohort.refresh_from_db()
    assert (people.cohort.status, people.cohort.place) == (CohortStatus.CLOSED, "Rhyl")
    invitation.refresh_from_db()
    assert invitation.state == InvitationState.REVOKED
    event = people.cohort.events.get(kind=CohortEventKind.STATUS_CHANGED)
    assert (event.actor, event.subject) == (staff, "Closed")


def test_an_impossible_status_change_in_the_admin_is_refused_on_the_form(staff_client, people):
    people.cohort.status = CohortStatus.CLOSED
    people.cohort.save()

    response = edit(staff_client, people.cohort, status=CohortStatus.ACTIVE, place="Rhyl")

    assert response.status_code == 200
    assert "A cohort cannot go from Closed to Active." in response.content.decode()
    people.cohort.refresh_from_db()
    assert (people.cohort.status, people.cohort.place) == (CohortStatus.CLOSED, "Wrexham")
    assert not people.cohort.events.exists()


def test_changing_other_details_in_the_admin_leaves_the_status_and_its_history(
    staff_client, people
):
    response = edit(staff_client, people.cohort, capacity=30)

    assert response.status_code == 302
    people.cohort.refresh_from_db()
    assert (people.cohort.capacity, people.cohort.status) == (30, CohortStatus.ACTIVE)
    assert not people.cohort.events.exists()
