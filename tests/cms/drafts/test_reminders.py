"""The weeknote reminder: one friendly nudge to a participant who has gone quiet (issue 10)."""

import datetime
import re
from dataclasses import dataclass

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from cms.drafts.models import DraftState, WeeknoteDraft, WeeknoteReminder
from cohorts.models import CohortStatus, Membership, Role
from inquiries.models import Notification, NotificationKind, NotificationSettings
from tests.cms.builders import make_weeknote
from tests.factories import CohortFactory, InquiryFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

LINE = "How about a weeknote? Share what you have learned lately in “The night-time economy”."
LINE_HTML = (
    "How about a weeknote? Share what you have learned lately in <em>The night-time economy</em>."
)
PROFILE = "/me/profile/"
PROFILE_BUDGET = 6  # the choices are read in one query


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


@dataclass
class Quiet:
    """A participant of an active cohort for three weeks, with an inquiry and no weeknote."""

    cohort: object
    participant: object
    inquiry: object

    def join(self, role, days=21):
        """Someone else in the cohort, a member for ``days``, with an inquiry of their own."""
        person = MembershipFactory(cohort=self.cohort, role=role).user
        InquiryFactory(owner=person, cohort=self.cohort)
        Membership.objects.filter(user=person).update(joined_at=days_ago(days))
        return person


@pytest.fixture
def quiet():
    cohort = CohortFactory(name="Wrexham 2026", status=CohortStatus.ACTIVE)
    participant = MembershipFactory(cohort=cohort, role=Role.PARTICIPANT).user
    inquiry = InquiryFactory(owner=participant, cohort=cohort, title="The night-time economy")
    Membership.objects.filter(user=participant).update(joined_at=days_ago(21))
    return Quiet(cohort=cohort, participant=participant, inquiry=inquiry)


def choose(user, *, email="each", weeknote_reminders=True):
    NotificationSettings.objects.update_or_create(
        user=user, defaults={"email": email, "weeknote_reminders": weeknote_reminders}
    )


def run_daily(capture):
    """What the scheduler runs once a day; emails go once its writes commit."""
    with capture(execute=True):
        call_command("send_digests")


def reminded(user):
    return list(
        Notification.objects.filter(recipient=user, kind=NotificationKind.REMINDER).values_list(
            "inquiry__title", flat=True
        )
    )


def shared_weeknote(quiet, **dates):
    return WeeknoteDraft.objects.create(
        owner=quiet.participant,
        inquiry=quiet.inquiry,
        title="Late buses",
        week_of=datetime.date(2026, 11, 2),
        summary="What the drivers told us.",
        body="Text.",
        state=DraftState.SUBMITTED,
        **dates,
    )


# Who gets it


def test_a_quiet_participant_is_reminded_once_and_it_opens_their_weeknotes(
    client, quiet, django_capture_on_commit_callbacks
):
    run_daily(django_capture_on_commit_callbacks)
    run_daily(django_capture_on_commit_callbacks)

    assert reminded(quiet.participant) == ["The night-time economy"]
    client.force_login(quiet.participant)
    listed = client.get(reverse("notifications:list")).content.decode()
    assert LINE_HTML in listed
    notification = Notification.objects.get(recipient=quiet.participant)
    opened = client.get(reverse("notifications:open", args=[notification.pk]))
    assert opened.url == "/me/weeknotes/"
    assert client.get(opened.url).status_code == 200


@pytest.mark.parametrize(
    "dates",
    [
        {"submitted_at": days_ago(15)},
        {"submitted_at": days_ago(30), "published_at": days_ago(15)},
    ],
    ids=["submitted-15-days-ago", "published-15-days-ago"],
)
def test_a_participant_whose_last_weeknote_is_over_two_weeks_old_is_reminded(
    quiet, dates, django_capture_on_commit_callbacks
):
    shared_weeknote(quiet, **dates)

    run_daily(django_capture_on_commit_callbacks)

    assert reminded(quiet.participant) == ["The night-time economy"]


def test_a_reminder_names_the_inquiry_they_worked_on_last_and_comes_once_for_two_cohorts(
    quiet, django_capture_on_commit_callbacks
):
    other = CohortFactory(status=CohortStatus.ACTIVE)
    InquiryFactory(owner=quiet.participant, cohort=other, title="Rough sleeping")
    Membership.objects.filter(user=quiet.participant).update(joined_at=days_ago(21))
    quiet.inquiry.last_activity_at = days_ago(9)
    quiet.inquiry.save()

    run_daily(django_capture_on_commit_callbacks)

    assert reminded(quiet.participant) == ["Rough sleeping"]


def test_the_next_reminder_comes_a_fortnight_later_not_before(
    quiet, django_capture_on_commit_callbacks
):
    WeeknoteReminder.objects.create(recipient=quiet.participant, sent_at=days_ago(15))

    run_daily(django_capture_on_commit_callbacks)

    assert WeeknoteReminder.objects.filter(recipient=quiet.participant).count() == 2
    assert reminded(quiet.participant) == ["The night-time economy"]


# Who does not


def submitted_recently(quiet):
    shared_weeknote(quiet, submitted_at=days_ago(3))


def published_recently(quiet):
    shared_weeknote(quiet, submitted_at=days_ago(20), published_at=days_ago(3))


def written_with_an_editor(quiet):
    page = make_weeknote(authors=[quiet.participant], cohort=quiet.cohort)
    type(page).objects.filter(pk=page.pk).update(first_published_at=days_ago(3))


def reminded_ten_days_ago(quiet):
    WeeknoteReminder.objects.create(recipient=quiet.participant, sent_at=days_ago(10))


def closed_cohort(quiet):
    quiet.cohort.status = CohortStatus.CLOSED
    quiet.cohort.save()


def forming_cohort(quiet):
    quiet.cohort.status = CohortStatus.FORMING
    quiet.cohort.save()


def joined_ten_days_ago(quiet):
    Membership.objects.filter(user=quiet.participant).update(joined_at=days_ago(10))


def no_inquiry_in_the_cohort(quiet):
    quiet.inquiry.delete()


def turned_off(quiet):
    choose(quiet.participant, weeknote_reminders=False)


def account_deactivated(quiet):
    quiet.participant.is_active = False
    quiet.participant.save()


@pytest.mark.parametrize(
    "because",
    [
        submitted_recently,
        published_recently,
        written_with_an_editor,
        reminded_ten_days_ago,
        closed_cohort,
        forming_cohort,
        joined_ten_days_ago,
        no_inquiry_in_the_cohort,
        turned_off,
        account_deactivated,
    ],
)
def test_no_reminder(quiet, because, mailoutbox, django_capture_on_commit_callbacks):
    because(quiet)

    run_daily(django_capture_on_commit_callbacks)

    assert reminded(quiet.participant) == []
    assert mailoutbox == []


@pytest.mark.parametrize("role", [Role.COACH, Role.FACILITATOR])
def test_coaches_and_facilitators_are_not_reminded(quiet, role, django_capture_on_commit_callbacks):
    person = quiet.join(role)

    run_daily(django_capture_on_commit_callbacks)

    assert reminded(person) == []
    assert reminded(quiet.participant) == ["The night-time economy"]


# By email, as they chose


def test_one_who_chose_an_email_for_each_gets_one_email(
    quiet, mailoutbox, django_capture_on_commit_callbacks
):
    choose(quiet.participant, email="each")

    run_daily(django_capture_on_commit_callbacks)
    run_daily(django_capture_on_commit_callbacks)

    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == [quiet.participant.email]
    assert email.subject == f"[Cylch] {LINE}"
    notification = Notification.objects.get(recipient=quiet.participant)
    assert reverse("notifications:open", args=[notification.pk]) in email.body


def test_one_who_chose_the_digest_finds_it_in_that_days_digest(
    quiet, mailoutbox, django_capture_on_commit_callbacks
):
    choose(quiet.participant, email="digest")

    run_daily(django_capture_on_commit_callbacks)
    run_daily(django_capture_on_commit_callbacks)

    assert len(mailoutbox) == 1
    assert "daily digest: 1 new" in mailoutbox[0].subject
    assert LINE in mailoutbox[0].body


def test_one_who_chose_no_emails_sees_it_only_in_the_app(
    quiet, mailoutbox, django_capture_on_commit_callbacks
):
    choose(quiet.participant, email="none")

    run_daily(django_capture_on_commit_callbacks)

    assert mailoutbox == []
    assert reminded(quiet.participant) == ["The night-time economy"]


# The switch on the profile page


def test_reminders_are_turned_off_and_on_again_on_the_profile_page(
    client, quiet, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    client.force_login(quiet.participant)
    with django_assert_max_num_queries(PROFILE_BUDGET):
        page = client.get(PROFILE).content.decode()
    assert re.search(r'name="weeknote_reminders"[^>]*checked', page)

    client.post(reverse("notifications:settings"), {"email": "digest"})

    page = client.get(PROFILE).content.decode()
    assert re.search(r'name="weeknote_reminders"(?![^>]*checked)[^>]*>', page)
    assert re.search(r'value="digest"[^>]*checked', page)
    run_daily(django_capture_on_commit_callbacks)
    assert reminded(quiet.participant) == []

    client.post(reverse("notifications:settings"), {"email": "digest", "weeknote_reminders": "on"})

    assert re.search(r'name="weeknote_reminders"[^>]*checked', client.get(PROFILE).content.decode())
    run_daily(django_capture_on_commit_callbacks)
    assert reminded(quiet.participant) == ["The night-time economy"]


def test_someone_who_never_chose_sees_reminders_on(client, db):
    client.force_login(UserFactory())

    page = client.get(PROFILE).content.decode()

    assert re.search(r'name="weeknote_reminders"[^>]*checked', page)
    assert "Remind me when I have not shared a weeknote for two weeks" in page
