"""A cohort or invitation form sent twice (a double click, the back button, a retry) makes
one cohort or invitation and sends one email; the second answer is the first one's. An
interest, and an organisation typed into a form, are one per person and issue and one per
name: two sends at once make one too."""

import datetime
import uuid

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from cohorts import services
from cohorts.models import (
    Cohort,
    CohortEvent,
    CohortEventKind,
    ExpressionOfInterest,
    Invitation,
    Membership,
    Organisation,
    Role,
)
from cohorts.services import cohorts as cohort_services
from cohorts.services import interests as interest_services
from cohorts.services import invitations as invitation_services
from cohorts.services import organisations as organisation_services
from tests.factories import ExpressionOfInterestFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def answer(response):
    """What the person sees: where they were taken, and the messages shown there."""
    messages = [str(message) for message in response.context["messages"]]
    return response.redirect_chain, messages


def send_twice(client, url, data, capture):
    """The same POST twice, each committing (and so emailing) when its request ends."""
    responses = []
    for _ in range(2):
        with capture(execute=True):
            responses.append(client.post(url, data, follow=True))
    return [answer(response) for response in responses]


def first_look_finds_nothing(monkeypatch, module):
    """The second of two sends at once looked before the first was saved."""
    real, looks = module.sent_before, []

    def nothing_on_the_first_look(mine, key):
        looks.append(key)
        return None if len(looks) == 1 else real(mine, key)

    monkeypatch.setattr(module, "sent_before", nothing_on_the_first_look)


def new_cohort(people, **kwargs):
    return {
        "creator": people.facilitator,
        "issue": people.issue,
        "name": "Bangor 2027",
        "place": "Bangor",
        "starts_on": datetime.date(2027, 1, 1),
        "ends_on": datetime.date(2027, 6, 30),
        "capacity": 12,
        **kwargs,
    }


def test_a_new_cohort_form_sent_twice_creates_one_cohort(
    client, people, django_capture_on_commit_callbacks
):
    client.force_login(people.facilitator)
    url = reverse("cohorts:cohort_create", args=[people.issue.slug])
    key = client.get(url).context["form"]["submission_key"].value()
    data = {
        "name": "Bangor 2027",
        "place": "Bangor",
        "starts_on": "2027-01-01",
        "ends_on": "2027-06-30",
        "capacity": "12",
        "submission_key": key,
    }

    first, second = send_twice(client, url, data, django_capture_on_commit_callbacks)

    cohort = Cohort.objects.get(name="Bangor 2027")
    assert first == second
    assert first[0] == [(reverse("cohorts:invitations", args=[cohort.slug]), 302)]
    assert "The cohort is created and you are its facilitator." in first[1][0]
    assert Membership.objects.filter(cohort=cohort).count() == 1
    assert CohortEvent.objects.filter(cohort=cohort, kind=CohortEventKind.CREATED).count() == 1


def test_two_new_cohorts_sent_at_once_make_one_the_database_deciding(people, monkeypatch):
    key = uuid.uuid4()
    first = services.cohort_create(**new_cohort(people, submission_key=key))
    first_look_finds_nothing(monkeypatch, cohort_services)
    # It chose its address before the first was saved, too: the same one.
    monkeypatch.setattr(cohort_services, "unique_cohort_slug", lambda name: first.slug)

    second = services.cohort_create(**new_cohort(people, submission_key=key))

    assert second.pk == first.pk
    assert Cohort.objects.filter(name="Bangor 2027").count() == 1
    assert Membership.objects.filter(cohort=first).count() == 1


def test_someone_elses_cohort_key_makes_no_cohort_and_says_so(people):
    key = uuid.uuid4()
    services.cohort_create(**new_cohort(people, submission_key=key))
    other = MembershipFactory(cohort=people.cohort, role=Role.FACILITATOR).user

    with pytest.raises(ValidationError, match="This form was sent already"):
        services.cohort_create(**new_cohort(people, creator=other, name="Rhyl", submission_key=key))

    assert not Cohort.objects.filter(name="Rhyl").exists()


def test_an_invitation_by_email_sent_twice_invites_and_emails_once(
    client, people, django_capture_on_commit_callbacks
):
    client.force_login(people.facilitator)
    url = reverse("cohorts:invitations", args=[people.cohort.slug])
    key = client.get(url).context["email_form"]["submission_key"].value()
    data = {"email": "new.person@example.org", "role": Role.PARTICIPANT, "submission_key": key}

    first, second = send_twice(client, url, data, django_capture_on_commit_callbacks)

    assert first == second
    sent = "Invitation sent to new.person@example.org, valid for 14 days."
    assert first == ([(url, 302)], [sent])
    assert Invitation.objects.filter(email="new.person@example.org").count() == 1
    assert len(mail.outbox) == 1


def test_an_invite_button_on_the_interest_list_clicked_twice_invites_and_emails_once(
    client, people, django_capture_on_commit_callbacks
):
    interest = ExpressionOfInterestFactory(issue=people.issue)
    client.force_login(people.facilitator)
    url = reverse("cohorts:invitations", args=[people.cohort.slug])
    data = {"interest": interest.pk, "role": Role.COACH, "submission_key": uuid.uuid4()}

    first, second = send_twice(client, url, data, django_capture_on_commit_callbacks)

    assert first == second
    assert first[1] == [f"Invitation sent to {interest.user.email}, valid for 14 days."]
    assert Invitation.objects.filter(email=interest.user.email).count() == 1
    assert len(mail.outbox) == 1


def test_the_formation_page_gives_every_invitation_form_its_own_key(client, people):
    ExpressionOfInterestFactory.create_batch(2, issue=people.issue)
    client.force_login(people.facilitator)

    page = client.get(reverse("cohorts:invitations", args=[people.cohort.slug])).content.decode()

    keys = [part.split('"')[0] for part in page.split('name="submission_key" value="')[1:]]
    assert len(keys) == 3  # the email form and one invite button per person
    assert len(set(keys)) == len(keys)


def invite(people, key, invited_by=None):
    return services.invitation_send(
        cohort=people.cohort,
        email="new.person@example.org",
        role=Role.PARTICIPANT,
        invited_by=invited_by or people.facilitator,
        submission_key=key,
    )


def test_two_invitations_sent_at_once_make_one_and_one_email(
    people, monkeypatch, django_capture_on_commit_callbacks
):
    key = uuid.uuid4()
    with django_capture_on_commit_callbacks(execute=True):
        first, _delivery = invite(people, key)
    first_look_finds_nothing(monkeypatch, invitation_services)

    with django_capture_on_commit_callbacks(execute=True):
        second, delivery = invite(people, key)

    assert second.pk == first.pk
    assert delivery.sent is not False  # told as sent, the first send's email being the one
    assert Invitation.objects.filter(email="new.person@example.org").count() == 1
    assert len(mail.outbox) == 1


def test_someone_elses_invitation_key_invites_nobody_and_says_so(people):
    key = uuid.uuid4()
    invite(people, key)
    other = MembershipFactory(cohort=people.cohort, role=Role.FACILITATOR).user

    with pytest.raises(ValidationError, match="This form was sent already"):
        services.invitation_send(
            cohort=people.cohort,
            email="someone.else@example.org",
            role=Role.PARTICIPANT,
            invited_by=other,
            submission_key=key,
        )

    assert not Invitation.objects.filter(email="someone.else@example.org").exists()


def test_an_interest_sent_twice_at_once_is_one_interest_holding_what_was_sent(people, monkeypatch):
    """An interest needs no key (one per person and issue), but two sends at once must not
    leave the second an error page."""
    said = {
        "user": people.outsider,
        "issue": people.issue,
        "new_organisation_name": "Wrexham Foodbank",
        "role_in_organisation": "Volunteer",
        "wants_to_work_on": "Food.",
    }
    first = services.interest_save(**said)
    real, looks = interest_services.interest_of, []

    def nothing_on_the_first_look(**kwargs):
        looks.append(kwargs)
        return None if len(looks) == 1 else real(**kwargs)

    monkeypatch.setattr(interest_services, "interest_of", nothing_on_the_first_look)

    second = services.interest_save(**{**said, "wants_to_work_on": "Food, and warm spaces."})

    assert second.pk == first.pk
    assert ExpressionOfInterest.objects.get(user=people.outsider).wants_to_work_on == (
        "Food, and warm spaces."
    )


def test_a_new_organisation_name_typed_twice_at_once_makes_one_organisation(monkeypatch):
    first = services.organisation_find_or_create(name="Wrexham Foodbank")
    real, looks = organisation_services.organisation_named, []

    def nothing_on_the_first_look(name):
        looks.append(name)
        return None if len(looks) == 1 else real(name)

    monkeypatch.setattr(organisation_services, "organisation_named", nothing_on_the_first_look)

    second = services.organisation_find_or_create(name="wrexham foodbank")

    assert second == first
    assert Organisation.objects.filter(name__iexact="wrexham foodbank").count() == 1


def invited_person(people):
    person = UserFactory(email="joiner@example.org")
    _invitation, token = services.invitation_create(
        cohort=people.cohort,
        email=person.email,
        role=Role.PARTICIPANT,
        invited_by=people.facilitator,
    )
    return person, token


def test_accepting_an_invitation_twice_joins_once_and_welcomes_both_times(
    client, people, django_capture_on_commit_callbacks
):
    person, token = invited_person(people)
    client.force_login(person)
    url = reverse("cohorts:invitation", args=[token])

    first, second = send_twice(
        client, url, {"new_organisation": "Wrexham Foodbank"}, django_capture_on_commit_callbacks
    )

    assert first == second
    assert first[0] == [(f"/inquiries/new/?cohort={people.cohort.pk}", 302)]
    assert first[1][0].startswith(f"Welcome to {people.cohort.name}. Your next step:")
    assert Membership.objects.filter(user=person).count() == 1
    # The link answers so only for the person who used it.
    client.force_login(people.outsider)
    assert client.post(url, {"new_organisation": "Elsewhere"}).status_code == 410


def test_an_invitation_accepted_twice_at_once_joins_once(people, monkeypatch):
    person, token = invited_person(people)
    read_before_the_first_was_saved = services.invitation_for_token(token)
    first = services.invitation_accept(token=token, user=person, new_organisation_name="Shelter")
    monkeypatch.setattr(
        invitation_services, "invitation_for_token", lambda token: read_before_the_first_was_saved
    )

    second = services.invitation_accept(token=token, user=person, new_organisation_name="Shelter")

    assert second.pk == first.pk
    assert Membership.objects.filter(user=person).count() == 1
