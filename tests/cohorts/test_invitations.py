"""The whole life of an invitation, and every kind of bad link."""

import datetime
import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from cohorts.models import CohortEvent, Invitation, InvitationState, Membership, Organisation, Role
from tests.factories import (
    PASSWORD,
    ExpressionOfInterestFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _emails_leave_on_commit(monkeypatch, django_capture_on_commit_callbacks):
    """Emails go when the transaction commits; each test's own transaction never does.

    So run the callbacks registered by each request when the request ends.
    """
    from django.test import Client

    original = Client.request

    def request_then_commit(self, **request):
        with django_capture_on_commit_callbacks(execute=True):
            return original(self, **request)

    monkeypatch.setattr(Client, "request", request_then_commit)


def invite(client, people, email="new.person@example.org", role=Role.PARTICIPANT):
    client.force_login(people.facilitator)
    response = client.post(
        reverse("cohorts:invitations", args=[people.cohort.slug]), {"email": email, "role": role}
    )
    client.logout()
    return response


def link_path(message) -> str:
    return re.search(r"https?://[^/\s]+(/invitations/[^\s]+/)", message.body).group(1)


def test_inviting_by_email_sends_a_single_use_link_valid_for_14_days(client, people):
    response = invite(client, people)

    assert response.status_code == 302
    invitation = Invitation.objects.get(email="new.person@example.org")
    assert invitation.state == InvitationState.PENDING
    assert invitation.expires_at - timezone.now() > datetime.timedelta(days=13, hours=23)
    message = mail.outbox[-1]
    assert message.to == ["new.person@example.org"]
    assert people.cohort.name in message.subject
    assert "/invitations/" in message.body
    assert message.alternatives and "/invitations/" in message.alternatives[0][0]
    # Only a hash of the token is stored.
    token = link_path(message).split("/")[2]
    assert token not in invitation.token_hash
    assert CohortEvent.objects.filter(cohort=people.cohort, kind="invited").exists()


def test_a_new_person_signs_up_from_the_link_and_joins_with_the_address_verified(client, people):
    invite(client, people)
    path = link_path(mail.outbox[-1])

    welcome = client.get(path)
    assert "You are invited to join" in welcome.content.decode()
    signup_url = re.search(r'href="(/accounts/signup/\?[^"]+)"', welcome.content.decode()).group(1)
    signup_url = signup_url.replace("&amp;", "&")
    signup = client.get(signup_url)
    assert 'value="new.person@example.org"' in signup.content.decode()
    response = client.post(
        signup_url,
        {
            "email": "new.person@example.org",
            "display_name": "New Person",
            "password1": "a-good-long-passphrase-1",
            "password2": "a-good-long-passphrase-1",
        },
    )

    assert response.status_code == 302
    assert response.url == path  # straight back to the invitation, signed in
    user = User.objects.get(email="new.person@example.org")
    assert EmailAddress.objects.get(user=user).verified
    accept = client.post(
        path, {"new_organisation": "Wrexham Foodbank", "role_in_organisation": "Volunteer"}
    )

    # A participant's next step is their inquiry, in this cohort.
    assert accept.url == f"/inquiries/new/?cohort={people.cohort.pk}"
    membership = Membership.objects.get(user=user, cohort=people.cohort)
    assert membership.role == Role.PARTICIPANT
    assert membership.organisation.name == "Wrexham Foodbank"
    assert not membership.organisation.verified  # staff check new names
    assert Invitation.objects.get().state == InvitationState.ACCEPTED
    assert client.get(people.cohort.get_absolute_url()).status_code == 200


def test_someone_with_an_account_signs_in_from_the_link_and_joins(client, people):
    existing = UserFactory(email="known@example.org")
    invite(client, people, email="known@example.org", role=Role.COACH)
    path = link_path(mail.outbox[-1])

    response = client.post(
        reverse("account_login") + f"?next={path}", {"login": existing.email, "password": PASSWORD}
    )
    assert response.url == path
    client.post(path, {"new_organisation": "Coaching Cymru"})

    assert Membership.objects.get(user=existing, cohort=people.cohort).role == Role.COACH


def test_invited_from_the_interest_list_the_organisation_is_already_known(client, people):
    interest = ExpressionOfInterestFactory(issue=people.issue)
    client.force_login(people.facilitator)
    client.post(
        reverse("cohorts:invitations", args=[people.cohort.slug]),
        {"interest": interest.pk, "role": Role.PARTICIPANT},
    )
    client.force_login(interest.user)

    page = client.get(link_path(mail.outbox[-1])).content.decode()
    assert 'name="new_organisation"' not in page
    client.post(link_path(mail.outbox[-1]), {})

    membership = Membership.objects.get(user=interest.user, cohort=people.cohort)
    assert membership.organisation == interest.organisation
    assert membership.role_in_organisation == interest.role_in_organisation


def test_a_different_signed_in_account_must_confirm_before_joining(client, people):
    invite(client, people, email="invited@example.org")
    path = link_path(mail.outbox[-1])
    other = UserFactory(email="someone.else@example.org")
    client.force_login(other)

    page = client.get(path).content.decode()
    assert "This invitation was sent to <strong>invited@example.org</strong>" in page
    refused = client.post(path, {"new_organisation": "Somewhere"})
    assert refused.status_code == 200
    assert "Please confirm that you want to join with this account." in refused.content.decode()
    assert 'value="Somewhere"' in refused.content.decode()
    assert not Membership.objects.filter(user=other, cohort=people.cohort).exists()

    client.post(path, {"new_organisation": "Somewhere", "confirm_other_email": "on"})
    assert Membership.objects.filter(user=other, cohort=people.cohort).exists()


def test_accepting_without_an_organisation_keeps_what_was_typed(client, people):
    invite(client, people, email="invited@example.org")
    path = link_path(mail.outbox[-1])
    client.force_login(UserFactory(email="invited@example.org"))

    response = client.post(path, {"role_in_organisation": "Youth worker"})

    assert response.status_code == 200
    page = response.content.decode()
    assert "Pick your organisation, or type its name below." in page
    assert 'value="Youth worker"' in page
    assert Invitation.objects.get().state == InvitationState.PENDING


@pytest.mark.parametrize(
    ("spoil", "status", "message"),
    [
        ("unknown", 404, "We do not recognise this link"),
        ("used", 410, "already been accepted"),
        ("revoked", 410, "withdrew this invitation"),
        ("expired", 410, "The invitation has expired"),
        ("closed", 410, "has closed"),
        ("resent", 404, "We do not recognise this link"),
    ],
)
def test_a_bad_link_shows_a_clear_page_and_creates_nothing(client, people, spoil, status, message):
    invite(client, people, email="invited@example.org")
    path = link_path(mail.outbox[-1])
    invitation = Invitation.objects.get()
    if spoil == "unknown":
        path = "/invitations/not-a-real-token/"
    elif spoil == "used":
        invitation.state = InvitationState.ACCEPTED
        invitation.save()
    elif spoil == "revoked":
        client.force_login(people.facilitator)
        client.post(reverse("cohorts:invitation_revoke", args=[people.cohort.slug, invitation.pk]))
    elif spoil == "expired":
        Invitation.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    elif spoil == "closed":
        people.cohort.status = "closed"
        people.cohort.save()
    elif spoil == "resent":
        client.force_login(people.facilitator)
        client.post(reverse("cohorts:invitation_resend", args=[people.cohort.slug, invitation.pk]))
    members_before = Membership.objects.count()
    invitee = UserFactory(email="invited@example.org")
    client.force_login(invitee)

    for response in (client.get(path), client.post(path, {"new_organisation": "X"})):
        assert response.status_code == status
        assert message in response.content.decode()
        assert "Nothing has been changed." in response.content.decode()
    assert Membership.objects.count() == members_before


def test_resending_sends_a_working_new_link_and_a_fresh_14_days(client, people):
    invite(client, people, email="invited@example.org")
    invitation = Invitation.objects.get()
    Invitation.objects.update(expires_at=timezone.now() - datetime.timedelta(days=1))
    client.force_login(people.facilitator)

    client.post(reverse("cohorts:invitation_resend", args=[people.cohort.slug, invitation.pk]))

    invitation.refresh_from_db()
    assert invitation.state == InvitationState.PENDING
    assert invitation.expires_at > timezone.now() + datetime.timedelta(days=13)
    client.force_login(UserFactory(email="invited@example.org"))
    client.post(link_path(mail.outbox[-1]), {"new_organisation": "Shelter Cymru"})
    assert Invitation.objects.get().state == InvitationState.ACCEPTED


def test_facilitators_see_the_state_of_each_invitation(client, people):
    invite(client, people, email="a@example.org")
    invite(client, people, email="b@example.org")
    Invitation.objects.filter(email="b@example.org").update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    client.force_login(people.facilitator)

    page = client.get(reverse("cohorts:invitations", args=[people.cohort.slug])).content.decode()

    row_a = page[page.index("a@example.org") :][:600]
    row_b = page[page.index("b@example.org") :][:600]
    assert "Pending" in row_a
    assert "Expired" in row_b


def test_inviting_the_same_address_twice_is_refused_with_the_address_kept(client, people):
    invite(client, people, email="twice@example.org")

    response = invite(client, people, email="twice@example.org")

    assert response.status_code == 200
    page = response.content.decode()
    assert "already has an invitation waiting" in page
    assert 'value="twice@example.org"' in page
    assert Invitation.objects.count() == 1


def test_inviting_a_member_is_refused(client, people):
    response = invite(client, people, email=people.coach.email)

    assert "is already a member of this cohort" in response.content.decode()
    assert not Invitation.objects.exists()


def test_a_bad_email_address_is_refused_and_kept(client, people):
    response = invite(client, people, email="not-an-address")

    assert response.status_code == 200
    assert 'value="not-an-address"' in response.content.decode()
    assert "Enter a valid email address." in response.content.decode()
    assert mail.outbox == []


def test_capacity_counts_members_and_pending_invitations(client, people):
    people.cohort.capacity = 4  # three members already
    people.cohort.save()

    invite(client, people, email="last.place@example.org")
    response = invite(client, people, email="one.too.many@example.org")

    assert "The cohort is full" in response.content.decode()
    assert list(Invitation.objects.values_list("email", flat=True)) == ["last.place@example.org"]


def test_capacity_is_checked_again_when_the_link_is_used(client, people):
    invite(client, people, email="late@example.org")
    people.cohort.capacity = 3
    people.cohort.save()
    client.force_login(UserFactory(email="late@example.org"))

    response = client.post(link_path(mail.outbox[-1]), {"new_organisation": "Late Org"})

    assert "The cohort is full" in response.content.decode()
    assert people.cohort.memberships.count() == 3


def test_opening_a_link_as_a_member_already_creates_nothing(client, people):
    invite(client, people, email="invited@example.org")
    client.force_login(people.coach)

    response = client.get(link_path(mail.outbox[-1]))

    assert response.status_code == 302
    assert response.url == people.cohort.get_absolute_url()
    assert Invitation.objects.get().state == InvitationState.PENDING


def test_a_refused_join_leaves_no_new_organisation_behind(client, people):
    invite(client, people, email="late@example.org")
    people.cohort.capacity = 3
    people.cohort.save()
    client.force_login(UserFactory(email="late@example.org"))

    client.post(link_path(mail.outbox[-1]), {"new_organisation": "Brand New Org"})

    assert not Organisation.objects.filter(name="Brand New Org").exists()


def test_staff_cannot_make_themselves_members(client, people):
    client.force_login(people.staff)

    own = client.post(
        reverse("cohorts:invitations", args=[people.cohort.slug]),
        {"email": people.staff.email, "role": Role.COACH},
    )
    assert "You cannot invite yourself." in own.content.decode()
    client.post(
        reverse("cohorts:invitations", args=[people.cohort.slug]),
        {"email": "alias@example.org", "role": Role.COACH},
    )
    response = client.post(
        link_path(mail.outbox[-1]), {"new_organisation": "X", "confirm_other_email": "on"}
    )

    assert "An invitation you sent cannot make you a member." in response.content.decode()
    assert not Membership.objects.filter(user=people.staff).exists()


def test_resending_an_old_invitation_while_a_newer_one_waits_is_refused_clearly(client, people):
    invite(client, people, email="again@example.org")
    old = Invitation.objects.get()
    Invitation.objects.update(expires_at=timezone.now() - datetime.timedelta(days=1))
    invite(client, people, email="again@example.org")  # a new one, since the first expired
    client.force_login(people.facilitator)

    response = client.post(
        reverse("cohorts:invitation_resend", args=[people.cohort.slug, old.pk]), follow=True
    )

    assert "has a newer invitation waiting" in response.content.decode()
    assert Invitation.objects.filter(state=InvitationState.PENDING).count() == 1


def test_resending_an_expired_invitation_respects_capacity(client, people):
    invite(client, people, email="expired@example.org")
    expired = Invitation.objects.get()
    Invitation.objects.update(expires_at=timezone.now() - datetime.timedelta(days=1))
    people.cohort.capacity = 4  # three members
    people.cohort.save()
    invite(client, people, email="fresh@example.org")  # takes the last place
    client.force_login(people.facilitator)

    response = client.post(
        reverse("cohorts:invitation_resend", args=[people.cohort.slug, expired.pk]), follow=True
    )

    assert "The cohort is full" in response.content.decode()


def test_an_email_subject_is_plain_text(client, people):
    people.cohort.name = "Health & Care"
    people.cohort.save()

    invite(client, people)

    assert mail.outbox[-1].subject == "[Cylch] You are invited to join Health & Care"


def test_the_interest_list_says_who_is_already_a_member_or_invited(client, people):
    people.coach.display_name = "Cai Coach"
    people.coach.save()
    member = ExpressionOfInterestFactory(issue=people.issue, user=people.coach)
    invited = ExpressionOfInterestFactory(
        issue=people.issue, user=UserFactory(display_name="Ifan Invited")
    )
    waiting = ExpressionOfInterestFactory(
        issue=people.issue, user=UserFactory(display_name="Wyn Waiting")
    )
    invite(client, people, email=invited.user.email)
    client.force_login(people.facilitator)

    page = client.get(reverse("cohorts:invitations", args=[people.cohort.slug])).content.decode()

    def entry_of(interest):
        return page[page.index(f"<strong>{interest.user.public_name}</strong>") :][:700]

    assert '<span class="badge badge--active">Member of this cohort</span>' in entry_of(member)
    assert '<span class="badge">Invited: waiting for an answer</span>' in entry_of(invited)
    assert f'value="{waiting.pk}"' in entry_of(waiting)
