"""Each cohorts service, called directly: what it writes, each refusal, and what a refusal
or a failure half-way leaves behind (nothing)."""

import datetime
import smtplib

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.mail.backends.locmem import EmailBackend
from django.utils import timezone

from cohorts import emails, services
from cohorts.models import (
    Cohort,
    CohortEventKind,
    CohortStatus,
    ExpressionOfInterest,
    Invitation,
    InvitationState,
    Membership,
    Organisation,
    Role,
    Sector,
)
from cohorts.services import InvitationUnusable, UnusableReason
from tests.factories import (
    CohortFactory,
    EntryFactory,
    ExpressionOfInterestFactory,
    IssueFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def fail(*args, **kwargs):
    raise RuntimeError("failed half-way")


def invite(people, email="new@example.org", role=Role.PARTICIPANT, **details):
    return services.invitation_create(
        cohort=people.cohort, email=email, role=role, invited_by=people.facilitator, **details
    )


def expire(invitation):
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    invitation.refresh_from_db()


def kinds(cohort) -> list[str]:
    return list(cohort.events.order_by("pk").values_list("kind", flat=True))


@pytest.fixture
def broken_mail_server(monkeypatch):
    def refuse(self, messages):
        raise smtplib.SMTPServerDisconnected("mail server went away")

    monkeypatch.setattr(EmailBackend, "send_messages", refuse)


# --- Organisations ------------------------------------------------------------


def test_an_organisation_is_found_by_name_whatever_its_case_and_spaces():
    police = OrganisationFactory(name="North Wales Police")

    assert services.organisation_find_or_create(name="  north   wales POLICE ") == police
    assert Organisation.objects.filter(name__icontains="police").count() == 1


def test_a_new_organisation_name_makes_an_unverified_one_for_staff_to_check():
    made = services.organisation_find_or_create(name="Wrexham  Foodbank")

    assert (made.name, made.sector, made.verified) == ("Wrexham Foodbank", Sector.OTHER, False)


def test_an_empty_organisation_name_is_refused():
    before = Organisation.objects.count()

    with pytest.raises(ValidationError):
        services.organisation_find_or_create(name="   ")

    assert Organisation.objects.count() == before


def test_the_organisation_picked_wins_then_the_one_typed_then_none():
    picked = OrganisationFactory()
    before = Organisation.objects.count()

    assert services.organisation_picked_or_typed(picked=picked, typed_name="Other") == picked
    typed = services.organisation_picked_or_typed(picked=None, typed_name="Shelter Cymru")
    assert typed.name == "Shelter Cymru"
    assert services.organisation_picked_or_typed(picked=None, typed_name="  ") is None
    assert Organisation.objects.count() == before + 1


def test_merging_moves_every_relation_and_removes_the_duplicate(people):
    kept = OrganisationFactory(name="Shelter Cymru")
    duplicate = OrganisationFactory(name="Shelter Wales")
    membership = MembershipFactory(organisation=duplicate)
    interest = ExpressionOfInterestFactory(organisation=duplicate)
    invitation, _token = invite(people, organisation=duplicate)
    tagged = EntryFactory()
    tagged.organisations.set([kept, duplicate])

    assert services.organisation_merge(source=duplicate, target=kept) == kept

    assert not Organisation.objects.filter(pk=duplicate.pk).exists()
    membership.refresh_from_db()
    interest.refresh_from_db()
    invitation.refresh_from_db()
    assert membership.organisation == interest.organisation == invitation.organisation == kept
    assert list(tagged.organisations.all()) == [kept]


def test_merging_an_organisation_into_itself_is_refused():
    organisation = OrganisationFactory()

    with pytest.raises(ValidationError, match="two different organisations"):
        services.organisation_merge(source=organisation, target=organisation)
    assert Organisation.objects.filter(pk=organisation.pk).exists()


# --- Interest -------------------------------------------------------------------


def test_saying_one_is_interested_then_saying_it_again_keeps_one_interest(user):
    issue = IssueFactory()
    first = services.interest_save(
        user=user,
        issue=issue,
        organisation=OrganisationFactory(),
        role_in_organisation="Nurse",
        wants_to_work_on="Falls.",
    )

    again = services.interest_save(
        user=user,
        issue=issue,
        new_organisation_name="Hafal",
        role_in_organisation="Volunteer",
        wants_to_work_on="Loneliness.",
    )

    assert again.pk == first.pk
    assert ExpressionOfInterest.objects.filter(user=user).count() == 1
    again.refresh_from_db()
    assert (again.organisation.name, again.wants_to_work_on) == ("Hafal", "Loneliness.")


def test_a_refused_interest_keeps_no_organisation_it_typed(user):
    with pytest.raises(ValidationError):
        services.interest_save(
            user=user,
            issue=IssueFactory(),
            new_organisation_name="Brand New Org",
            role_in_organisation="",
            wants_to_work_on="Falls.",
        )

    assert not ExpressionOfInterest.objects.filter(user=user).exists()
    assert not Organisation.objects.filter(name="Brand New Org").exists()


def test_an_interest_without_an_organisation_is_refused(user):
    with pytest.raises(ValidationError):
        services.interest_save(
            user=user, issue=IssueFactory(), role_in_organisation="Nurse", wants_to_work_on="Falls."
        )


def test_withdrawing_interest_says_whether_there_was_any():
    interest = ExpressionOfInterestFactory()

    assert services.interest_withdraw(user=interest.user, issue=interest.issue) is True
    assert services.interest_withdraw(user=interest.user, issue=interest.issue) is False
    assert not ExpressionOfInterest.objects.filter(user=interest.user).exists()


# --- Creating and changing cohorts ----------------------------------------------


def test_cohort_slugs_come_from_the_name_and_never_repeat():
    assert services.cohorts.unique_cohort_slug("Bangor 2027") == "bangor-2027"
    CohortFactory(slug="bangor-2027")
    CohortFactory(slug="bangor-2027-2")

    assert services.cohorts.unique_cohort_slug("Bangor 2027") == "bangor-2027-3"
    assert services.cohorts.unique_cohort_slug("!!!") == "cohort"


def create_cohort(creator, **changes):
    details = {
        "creator": creator,
        "issue": IssueFactory(),
        "name": "Bangor 2027",
        "place": "Bangor",
        "starts_on": datetime.date(2027, 1, 1),
        "ends_on": datetime.date(2027, 6, 30),
        "capacity": 12,
        **changes,
    }
    return services.cohort_create(**details)


def test_staff_cannot_make_themselves_a_cohorts_facilitator(people):
    with pytest.raises(ValidationError, match="Staff run cohorts without belonging to them"):
        create_cohort(people.staff)

    assert not Membership.objects.filter(user=people.staff).exists()
    assert not Cohort.objects.filter(name="Bangor 2027").exists()


def test_a_new_cohort_is_forming_with_its_creator_as_facilitator(people):
    cohort = create_cohort(people.facilitator)

    assert (cohort.slug, cohort.status, cohort.created_by) == (
        "bangor-2027",
        CohortStatus.FORMING,
        people.facilitator,
    )
    membership = cohort.memberships.get()
    assert (membership.user, membership.role) == (people.facilitator, Role.FACILITATOR)
    # Their organisation is the one of their latest membership.
    assert (
        membership.organisation
        == people.cohort.memberships.get(user=people.facilitator).organisation
    )
    event = cohort.events.get()
    assert (event.kind, event.actor, event.subject) == (
        CohortEventKind.CREATED,
        people.facilitator,
        "Bangor 2027",
    )


def test_a_cohort_created_by_staff_is_run_by_the_facilitator_they_name(people):
    council = OrganisationFactory()

    cohort = create_cohort(
        people.staff,
        facilitator=people.coach,
        organisation=council,
        role_in_organisation="Team leader",
    )

    membership = cohort.memberships.get()
    assert (membership.user, membership.organisation, membership.role_in_organisation) == (
        people.coach,
        council,
        "Team leader",
    )
    assert not Membership.objects.filter(user=people.staff).exists()
    assert cohort.events.get().actor == people.staff


def test_a_cohort_that_ends_before_it_starts_is_refused(people):
    with pytest.raises(ValidationError, match="must end after it starts"):
        create_cohort(people.facilitator, ends_on=datetime.date(2026, 12, 31))

    assert not Cohort.objects.filter(name="Bangor 2027").exists()


def test_a_cohort_that_fails_half_way_leaves_nothing_behind(people, monkeypatch):
    monkeypatch.setattr(services.cohorts, "event_record", fail)

    with pytest.raises(RuntimeError):
        create_cohort(people.facilitator)

    assert not Cohort.objects.filter(name="Bangor 2027").exists()
    assert Membership.objects.filter(user=people.facilitator).count() == 1


def update_cohort(people, **changes):
    cohort = people.cohort
    details = {
        "name": cohort.name,
        "slug": cohort.slug,
        "issue": cohort.issue,
        "place": cohort.place,
        "starts_on": cohort.starts_on,
        "ends_on": cohort.ends_on,
        "capacity": cohort.capacity,
        "status": cohort.status,
        **changes,
    }
    return services.cohort_update(cohort=cohort, actor=people.staff, **details)


def test_updating_a_cohorts_details_records_no_status_change(people):
    cohort = update_cohort(people, name="Wrexham North", capacity=25)

    cohort.refresh_from_db()
    assert (cohort.name, cohort.capacity, cohort.status) == (
        "Wrexham North",
        25,
        CohortStatus.ACTIVE,
    )
    assert kinds(cohort) == []


def test_a_status_changed_by_update_goes_through_the_status_rules(people):
    invitation, _token = invite(people)

    update_cohort(people, status=CohortStatus.CLOSED)

    people.cohort.refresh_from_db()
    assert people.cohort.status == CohortStatus.CLOSED
    invitation.refresh_from_db()
    assert invitation.state == InvitationState.REVOKED
    assert kinds(people.cohort) == [CohortEventKind.INVITED, CohortEventKind.STATUS_CHANGED]


def test_an_impossible_status_in_an_update_is_refused_on_the_status_and_changes_nothing(people):
    people.cohort.status = CohortStatus.CLOSED
    people.cohort.save()

    with pytest.raises(ValidationError) as refused:
        update_cohort(people, name="Renamed", status=CohortStatus.FORMING)

    assert refused.value.message_dict == {"status": ["A cohort cannot go from Closed to Forming."]}
    name = people.cohort.name
    people.cohort.refresh_from_db()
    assert (people.cohort.name, people.cohort.status) == (name, CohortStatus.CLOSED)
    assert kinds(people.cohort) == []


def test_an_update_with_bad_dates_is_refused_and_changes_nothing(people):
    ends_on = people.cohort.ends_on

    with pytest.raises(ValidationError, match="must end after it starts"):
        update_cohort(people, name="Renamed", ends_on=people.cohort.starts_on)

    people.cohort.refresh_from_db()
    assert people.cohort.name != "Renamed"
    assert people.cohort.ends_on == ends_on


# --- Inviting -------------------------------------------------------------------


def test_an_invitation_keeps_only_a_hash_of_its_link_for_14_days(people):
    invitation, token = invite(people, email="  New@Example.org ", role=Role.COACH)

    assert (invitation.email, invitation.role, invitation.state) == (
        "new@example.org",
        Role.COACH,
        InvitationState.PENDING,
    )
    assert token not in invitation.token_hash
    assert Invitation.objects.by_token(token).get() == invitation
    assert invitation.expires_at - timezone.now() > datetime.timedelta(days=13, hours=23)
    assert people.cohort.events.get().subject == "new@example.org"


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("FACILITATOR", "You cannot invite yourself."),
        ("COACH", "is already a member of this cohort"),
        ("new@example.org", "already has an invitation waiting"),
    ],
)
def test_an_invitation_is_refused_to_oneself_a_member_or_an_address_already_invited(
    people, email, message
):
    invite(people)
    email = {"FACILITATOR": people.facilitator.email.upper(), "COACH": people.coach.email}.get(
        email, email
    )

    with pytest.raises(ValidationError, match=message):
        invite(people, email=email)

    assert people.cohort.invitations.count() == 1


def test_a_closed_cohort_takes_no_invitation(people):
    people.cohort.status = CohortStatus.CLOSED
    people.cohort.save()

    with pytest.raises(ValidationError, match="This cohort is closed"):
        invite(people)


def test_a_full_cohort_takes_no_invitation(people):
    people.cohort.capacity = 4  # three members
    people.cohort.save()
    invite(people, email="last@example.org")

    with pytest.raises(ValidationError, match="The cohort is full: 4 places"):
        invite(people, email="one.more@example.org")


def test_inviting_an_address_again_closes_its_expired_invitation(people):
    old, _token = invite(people)
    expire(old)

    new, _token = invite(people)

    old.refresh_from_db()
    assert old.state == InvitationState.EXPIRED
    assert new.state == InvitationState.PENDING


def test_sending_an_invitation_emails_its_link_once_saved(
    people, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://cylch.example"
    with django_capture_on_commit_callbacks(execute=True):
        invitation, delivery = services.invitation_send(
            cohort=people.cohort,
            email="new@example.org",
            role=Role.PARTICIPANT,
            invited_by=people.facilitator,
        )

    assert delivery.sent is True
    assert mail.outbox[-1].to == ["new@example.org"]
    token = mail.outbox[-1].body.split("https://cylch.example/invitations/")[1].split("/")[0]
    assert services.invitation_for_token(token) == invitation


def test_an_invitation_whose_email_fails_is_kept_and_says_so(
    people, broken_mail_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation, delivery = services.invitation_send(
            cohort=people.cohort,
            email="new@example.org",
            role=Role.PARTICIPANT,
            invited_by=people.facilitator,
        )

    assert delivery.sent is False
    assert people.cohort.invitations.get() == invitation


def test_a_refused_invitation_sends_nothing(people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        services.invitation_send(
            cohort=people.cohort,
            email=people.coach.email,
            role=Role.PARTICIPANT,
            invited_by=people.facilitator,
        )

    assert mail.outbox == []


def test_an_invitation_whose_email_cannot_be_written_is_kept_and_says_so(
    people, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(emails, "invitation_message", fail)

    with django_capture_on_commit_callbacks(execute=True):
        invitation, delivery = services.invitation_send(
            cohort=people.cohort,
            email="new@example.org",
            role=Role.PARTICIPANT,
            invited_by=people.facilitator,
        )

    assert delivery.sent is False
    assert people.cohort.invitations.get() == invitation
    assert mail.outbox == []


# --- Renewing, resending and revoking -------------------------------------------


def test_renewing_gives_a_new_link_and_14_days_and_the_old_link_stops(people):
    invitation, old_token = invite(people)
    expire(invitation)

    renewed, token = services.invitation_renew(invitation=invitation, actor=people.facilitator)

    assert renewed.state == InvitationState.PENDING
    assert renewed.expires_at > timezone.now() + datetime.timedelta(days=13)
    assert services.invitation_for_token(token) == renewed
    with pytest.raises(InvitationUnusable):
        services.invitation_for_token(old_token)
    assert kinds(people.cohort) == [CohortEventKind.INVITED, CohortEventKind.RESENT]


@pytest.mark.parametrize("state", [InvitationState.ACCEPTED, InvitationState.REVOKED])
def test_an_answered_invitation_cannot_be_renewed(people, state):
    invitation, _token = invite(people)
    Invitation.objects.filter(pk=invitation.pk).update(state=state)

    with pytest.raises(ValidationError, match="has not been answered"):
        services.invitation_renew(invitation=invitation, actor=people.facilitator)


def test_an_invitation_to_someone_who_has_since_joined_cannot_be_renewed(people):
    invitation, _token = invite(people)
    MembershipFactory(cohort=people.cohort, user=UserFactory(email="new@example.org"))

    with pytest.raises(ValidationError, match="already a member"):
        services.invitation_renew(invitation=invitation, actor=people.facilitator)


def test_an_old_invitation_cannot_be_renewed_while_a_newer_one_waits(people):
    old, _token = invite(people)
    expire(old)
    invite(people)

    with pytest.raises(ValidationError, match="has a newer invitation waiting"):
        services.invitation_renew(invitation=old, actor=people.facilitator)


def test_a_closed_cohorts_invitations_cannot_be_renewed(people):
    invitation, _token = invite(people)
    Cohort.objects.filter(pk=people.cohort.pk).update(status=CohortStatus.CLOSED)

    with pytest.raises(ValidationError, match="This cohort is closed"):
        services.invitation_renew(invitation=invitation, actor=people.facilitator)


def test_renewing_an_invitation_that_holds_a_place_needs_no_new_one(people):
    people.cohort.capacity = 4  # three members
    people.cohort.save()
    invitation, _token = invite(people)

    renewed, _token = services.invitation_renew(invitation=invitation, actor=people.facilitator)

    assert renewed.state == InvitationState.PENDING


def test_renewing_an_expired_invitation_needs_a_free_place(people):
    people.cohort.capacity = 4  # three members
    people.cohort.save()
    expired, _token = invite(people, email="expired@example.org")
    expire(expired)
    invite(people, email="fresh@example.org")

    with pytest.raises(ValidationError, match="The cohort is full"):
        services.invitation_renew(invitation=expired, actor=people.facilitator)


def test_resending_emails_the_new_link(people, settings, django_capture_on_commit_callbacks):
    settings.SITE_URL = "https://cylch.example"
    invitation, old_token = invite(people)

    with django_capture_on_commit_callbacks(execute=True):
        _renewed, delivery = services.invitation_resend(
            invitation=invitation, actor=people.facilitator
        )

    assert delivery.sent is True
    assert old_token not in mail.outbox[-1].body
    assert "https://cylch.example/invitations/" in mail.outbox[-1].body


def test_revoking_a_pending_invitation(people):
    invitation, token = invite(people)

    services.invitation_revoke(invitation=invitation, actor=people.facilitator)

    invitation.refresh_from_db()
    assert invitation.state == InvitationState.REVOKED
    assert invitation.answered_at is not None
    assert kinds(people.cohort) == [CohortEventKind.INVITED, CohortEventKind.REVOKED]
    with pytest.raises(ValidationError, match="Only a pending invitation"):
        services.invitation_revoke(invitation=invitation, actor=people.facilitator)


# --- Following the link and joining ---------------------------------------------


@pytest.mark.parametrize(
    ("spoil", "reason"),
    [
        ("unknown", UnusableReason.UNKNOWN),
        ("accepted", UnusableReason.USED),
        ("revoked", UnusableReason.REVOKED),
        ("expired", UnusableReason.EXPIRED),
        ("closed", UnusableReason.CLOSED),
    ],
)
def test_a_link_that_cannot_be_used_says_why(people, spoil, reason):
    invitation, token = invite(people)
    if spoil == "unknown":
        token = "not-a-token"
    elif spoil == "expired":
        expire(invitation)
    elif spoil == "closed":
        Cohort.objects.filter(pk=people.cohort.pk).update(status=CohortStatus.CLOSED)
    else:
        Invitation.objects.filter(pk=invitation.pk).update(state=spoil)

    with pytest.raises(InvitationUnusable) as unusable:
        services.invitation_for_token(token)

    assert unusable.value.reason == reason


def test_accepting_makes_a_member_in_the_invited_role_with_the_known_organisation(people):
    police = OrganisationFactory()
    invitation, token = invite(
        people, role=Role.COACH, organisation=police, role_in_organisation="Sergeant"
    )
    person = UserFactory(email="new@example.org")

    membership = services.invitation_accept(token=token, user=person)

    assert (membership.cohort, membership.role, membership.organisation) == (
        people.cohort,
        Role.COACH,
        police,
    )
    assert membership.role_in_organisation == "Sergeant"
    invitation.refresh_from_db()
    assert (invitation.state, invitation.accepted_by) == (InvitationState.ACCEPTED, person)
    joined = people.cohort.events.get(kind=CohortEventKind.JOINED)
    assert (joined.actor, joined.subject) == (person, "as coach")


def test_accepting_with_a_typed_organisation_makes_it_unverified(people):
    _invitation, token = invite(people)

    membership = services.invitation_accept(
        token=token,
        user=UserFactory(),
        new_organisation_name="Wrexham Foodbank",
        role_in_organisation="Volunteer",
    )

    assert (membership.organisation.name, membership.organisation.verified) == (
        "Wrexham Foodbank",
        False,
    )
    assert membership.role_in_organisation == "Volunteer"


def test_a_link_is_used_once(people):
    _invitation, token = invite(people)
    services.invitation_accept(token=token, user=UserFactory())

    with pytest.raises(InvitationUnusable) as unusable:
        services.invitation_accept(token=token, user=UserFactory())

    assert unusable.value.reason == UnusableReason.USED
    assert people.cohort.memberships.count() == 4


def test_the_sender_of_an_invitation_cannot_accept_it(people):
    invitation, token = services.invitation_create(
        cohort=people.cohort, email="alias@example.org", role=Role.COACH, invited_by=people.staff
    )

    with pytest.raises(ValidationError, match="An invitation you sent cannot make you a member."):
        services.invitation_accept(token=token, user=people.staff)

    assert not Membership.objects.filter(user=people.staff).exists()


def test_a_member_cannot_join_again(people):
    _invitation, token = invite(people)

    with pytest.raises(ValidationError, match="already a member"):
        services.invitation_accept(token=token, user=people.coach)


def test_joining_a_cohort_made_too_small_for_the_invitation_is_refused_and_keeps_nothing(
    people,
):
    _invitation, token = invite(people)
    people.cohort.capacity = 3
    people.cohort.save()

    with pytest.raises(ValidationError, match="The cohort is full. Please ask its facilitator."):
        services.invitation_accept(
            token=token, user=UserFactory(), new_organisation_name="Brand New Org"
        )

    assert people.cohort.memberships.count() == 3
    assert not Organisation.objects.filter(name="Brand New Org").exists()
    assert people.cohort.invitations.get().state == InvitationState.PENDING


def test_the_invitation_taking_the_last_place_can_still_be_accepted(people):
    people.cohort.capacity = 4  # three members, and this invitation
    people.cohort.save()
    _invitation, token = invite(people)

    services.invitation_accept(token=token, user=UserFactory())

    assert people.cohort.memberships.count() == 4


def test_a_join_that_fails_half_way_leaves_the_invitation_waiting(people, monkeypatch):
    _invitation, token = invite(people)
    monkeypatch.setattr(services.invitations, "event_record", fail)

    with pytest.raises(RuntimeError):
        services.invitation_accept(token=token, user=UserFactory(), new_organisation_name="New")

    assert people.cohort.memberships.count() == 3
    assert people.cohort.invitations.get().state == InvitationState.PENDING
    assert not Organisation.objects.filter(name="New").exists()


# --- Members' roles and removals ------------------------------------------------


def membership_of(people, user) -> Membership:
    return people.cohort.memberships.get(user=user)


def test_changing_a_role_is_in_the_history(people):
    membership = services.membership_change_role(
        membership=membership_of(people, people.participant), role=Role.COACH, actor=people.staff
    )

    assert membership_of(people, people.participant).role == Role.COACH
    event = people.cohort.events.get()
    assert (event.kind, event.actor) == (CohortEventKind.ROLE_CHANGED, people.staff)
    assert event.subject == f"{people.participant.public_name}: Participant → Coach"
    assert membership.role == Role.COACH


def test_the_same_role_again_changes_nothing(people):
    services.membership_change_role(
        membership=membership_of(people, people.coach), role=Role.COACH, actor=people.facilitator
    )

    assert not people.cohort.events.exists()


def test_an_unknown_role_is_refused(people):
    with pytest.raises(ValidationError, match="Choose a role"):
        services.membership_change_role(
            membership=membership_of(people, people.coach), role="boss", actor=people.facilitator
        )


def test_the_last_facilitator_cannot_step_down_but_one_of_two_can(people):
    own = membership_of(people, people.facilitator)
    with pytest.raises(ValidationError, match="at least one facilitator"):
        services.membership_change_role(membership=own, role=Role.COACH, actor=people.facilitator)

    MembershipFactory(cohort=people.cohort, role=Role.FACILITATOR)
    services.membership_change_role(membership=own, role=Role.COACH, actor=people.facilitator)

    assert membership_of(people, people.facilitator).role == Role.COACH


def test_roles_do_not_change_in_a_closed_cohort(people):
    people.cohort.status = CohortStatus.CLOSED
    people.cohort.save()

    with pytest.raises(ValidationError, match="This cohort is closed"):
        services.membership_change_role(
            membership=membership_of(people, people.coach), role=Role.PARTICIPANT, actor=None
        )


def test_removing_a_member_is_in_the_history(people):
    services.membership_remove(
        membership=membership_of(people, people.participant), actor=people.facilitator
    )

    assert not people.cohort.memberships.filter(user=people.participant).exists()
    event = people.cohort.events.get()
    assert (event.kind, event.subject) == (CohortEventKind.REMOVED, people.participant.public_name)


def test_the_last_facilitator_cannot_be_removed(people):
    with pytest.raises(ValidationError, match="at least one facilitator"):
        services.membership_remove(
            membership=membership_of(people, people.facilitator), actor=people.staff
        )

    assert people.cohort.memberships.filter(user=people.facilitator).exists()


def test_a_member_can_be_removed_from_a_closed_cohort(people):
    people.cohort.status = CohortStatus.CLOSED
    people.cohort.save()

    services.membership_remove(membership=membership_of(people, people.coach), actor=None)

    assert not people.cohort.memberships.filter(user=people.coach).exists()


def test_a_removal_that_fails_half_way_keeps_the_member(people, monkeypatch):
    monkeypatch.setattr(services.memberships, "event_record", fail)

    with pytest.raises(RuntimeError):
        services.membership_remove(membership=membership_of(people, people.coach), actor=None)

    assert people.cohort.memberships.filter(user=people.coach).exists()


# --- A cohort's status ----------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (CohortStatus.FORMING, CohortStatus.ACTIVE),
        (CohortStatus.FORMING, CohortStatus.CLOSED),
        (CohortStatus.ACTIVE, CohortStatus.CLOSED),
    ],
)
def test_a_cohort_moves_forward_and_the_history_says_so(people, old, new):
    people.cohort.status = old
    people.cohort.save()

    services.cohort_set_status(cohort=people.cohort, status=new, actor=people.facilitator)

    people.cohort.refresh_from_db()
    assert people.cohort.status == new
    event = people.cohort.events.get()
    assert (event.kind, event.subject) == (CohortEventKind.STATUS_CHANGED, new.label)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (CohortStatus.ACTIVE, CohortStatus.FORMING),
        (CohortStatus.CLOSED, CohortStatus.ACTIVE),
        (CohortStatus.CLOSED, CohortStatus.FORMING),
        (CohortStatus.ACTIVE, CohortStatus.ACTIVE),
    ],
)
def test_a_cohort_never_moves_back(people, old, new):
    people.cohort.status = old
    people.cohort.save()

    with pytest.raises(ValidationError, match=f"cannot go from {old.label} to {new.label}"):
        services.cohort_set_status(cohort=people.cohort, status=new, actor=people.facilitator)

    people.cohort.refresh_from_db()
    assert people.cohort.status == old
    assert not people.cohort.events.exists()


def test_closing_revokes_the_invitations_still_waiting(people):
    waiting, _token = invite(people)
    accepted, token = invite(people, email="joined@example.org")
    services.invitation_accept(token=token, user=UserFactory())

    services.cohort_set_status(
        cohort=people.cohort, status=CohortStatus.CLOSED, actor=people.facilitator
    )

    waiting.refresh_from_db()
    accepted.refresh_from_db()
    assert (waiting.state, accepted.state) == (InvitationState.REVOKED, InvitationState.ACCEPTED)
