"""/me/delete/: what goes and what stays is said first, then it all goes at once."""

import types

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import Revision, WorkflowState

import inquiries.personal_data
from accounts import deletion
from cms.drafts import services as draft_services
from cms.drafts.models import DraftComment, WeeknoteDraft
from cms.models import WeeknoteAuthor, WeeknotePage
from cohorts.models import ExpressionOfInterest, Invitation, Membership, Role
from cohorts.services.invitations import invitation_create
from inquiries import services
from inquiries.models import (
    Comment,
    Cycle,
    Entry,
    EntryRevision,
    Inquiry,
    Notification,
    NotificationSettings,
)
from tests.cms.builders import make_weeknote
from tests.cms.drafts.steps import submit
from tests.factories import (
    PASSWORD,
    CohortFactory,
    CycleFactory,
    EntryFactory,
    ExpressionOfInterestFactory,
    InquiryFactory,
    MembershipFactory,
)

pytestmark = pytest.mark.django_db

PAGE = reverse("accounts:delete")
EMAIL = "nia.private@example.org"


@pytest.fixture
def nia(db):
    """A participant with two inquiries, a comment a fellow answered and one nobody did,
    a draft in review, a published weeknote, notifications, an interest and settings."""
    cohort = CohortFactory(name="Wrexham 2026")
    fflur = MembershipFactory(cohort=cohort, role=Role.FACILITATOR, user__display_name="Fflur")
    # sent before she joined: facilitators see the address on it
    invitation_create(cohort=cohort, email=EMAIL, role=Role.COACH, invited_by=fflur.user)
    me = MembershipFactory(cohort=cohort, user__display_name="Nia", user__email=EMAIL).user
    coach = MembershipFactory(cohort=cohort, role=Role.COACH, user__display_name="Cerys").user
    fellow = MembershipFactory(cohort=cohort, user__display_name="Dai").user
    ExpressionOfInterestFactory(user=me, wants_to_work_on="Earlier help at the bus station.")
    NotificationSettings.objects.create(user=me, email="digest")

    entries = []
    for visibility in ("private", "cohort"):
        inquiry = InquiryFactory(owner=me, cohort=cohort, visibility=visibility)
        cycle = CycleFactory(inquiry=inquiry, number=1)
        entries.append(EntryFactory(cycle=cycle, body=f"Nia's {visibility} secret entry."))
    services.entry_update(
        entry=entries[0], user=me, body="Nia's private secret, again.", expected_version=1
    )
    services.comment_create(  # a notification for Nia
        inquiry=entries[1].cycle.inquiry, author=coach, body="A question.", entry=entries[1]
    )

    shared = InquiryFactory(owner=fellow, cohort=cohort, visibility="cohort")
    answered = services.comment_create(inquiry=shared, author=me, body="Nia's answered words.")
    services.comment_create(inquiry=shared, author=fellow, body="Dai's reply.", parent=answered)
    services.comment_create(inquiry=shared, author=me, body="Nia's unanswered words.")

    draft = draft_services.draft_start(owner=me, cycle=entries[1].cycle, entry_ids=[entries[1].pk])
    submit(draft, me)
    draft.refresh_from_db()
    draft_services.comment_create(draft=draft, author=coach, body="Looks good.")
    published = make_weeknote(title="What the bus station taught us", authors=[me], cohort=cohort)
    return types.SimpleNamespace(
        me=me,
        facilitator=fflur.user,
        coach=coach,
        fellow=fellow,
        cohort=cohort,
        shared=shared,
        answered=answered,
        draft=draft,
        published=published,
    )


def what_nia_has(user) -> dict[str, int]:
    return {
        "inquiries": Inquiry.objects.filter(owner=user).count(),
        "cycles": Cycle.objects.filter(inquiry__owner=user).count(),
        "entries": Entry.objects.filter(cycle__inquiry__owner=user).count(),
        "revisions": EntryRevision.objects.filter(entry__cycle__inquiry__owner=user).count(),
        "comments": Comment.objects.filter(author=user).count(),
        "notifications": Notification.objects.filter(recipient=user).count(),
        "drafts": WeeknoteDraft.objects.filter(owner=user).count(),
        "memberships": Membership.objects.filter(user=user).count(),
        "interests": ExpressionOfInterest.objects.filter(user=user).count(),
        "settings": NotificationSettings.objects.filter(user=user).count(),
        "bylines": WeeknoteAuthor.objects.filter(user=user).count(),
    }


def delete(client, user, password=PASSWORD, byline="keep"):
    client.force_login(user)
    return client.post(PAGE, {"password": password, "byline": byline})


def test_the_page_says_what_goes_what_stays_and_offers_the_export_first(
    client, nia, django_assert_max_num_queries
):
    client.force_login(nia.me)

    # 16, and one count for each of contributions' asks, offers and their messages.
    with django_assert_max_num_queries(19):
        page = client.get(PAGE).content.decode()

    for line in (
        "2 inquiries",
        "2 cycles",
        "2 entries",
        "1 earlier version of an entry",
        "2 comments",
        "3 notifications",  # the coach's question, Dai's reply, the draft's comment
        "1 weeknote draft",
        "1 membership",
        "1 expression of interest",
    ):
        assert line in page
    assert "Weeknotes that were published stay on the site" in page
    assert f'href="{reverse("accounts:export")}"' in page
    assert 'type="password"' in page
    assert f'href="{PAGE}"' in client.get(reverse("accounts:profile")).content.decode()


def test_a_wrong_password_removes_nothing(client, nia):
    before = what_nia_has(nia.me)

    response = delete(client, nia.me, password="not-my-password")

    assert "That is not your password. Nothing has been deleted." in response.content.decode()
    assert what_nia_has(nia.me) == before
    assert get_user_model().objects.filter(pk=nia.me.pk).exists()


def test_the_last_facilitator_of_a_running_cohort_is_asked_to_hand_over_first(client, nia):
    Membership.objects.filter(cohort=nia.cohort, role=Role.FACILITATOR).delete()
    Membership.objects.filter(user=nia.me).update(role=Role.FACILITATOR)
    client.force_login(nia.me)

    page = client.get(PAGE).content.decode()
    response = delete(client, nia.me)

    assert "You are the only facilitator of Wrexham 2026" in page
    assert "Delete my account</button>" not in page
    assert "You are the only facilitator of Wrexham 2026" in response.content.decode()
    assert get_user_model().objects.filter(pk=nia.me.pk).exists()


def test_the_rule_is_checked_again_inside_the_deletion(nia, monkeypatch):
    """A fellow facilitator left after the page was shown: the deletion itself refuses,
    with everything it had already done undone."""
    monkeypatch.setattr(deletion, "refusals", lambda user: [])
    Membership.objects.filter(cohort=nia.cohort, role=Role.FACILITATOR).delete()
    Membership.objects.filter(user=nia.me).update(role=Role.FACILITATOR)
    before = what_nia_has(nia.me)

    with pytest.raises(ValidationError, match="only facilitator of Wrexham 2026"):
        deletion.delete_account(nia.me, deletion.DeletionChoices(keep_byline=False))

    assert what_nia_has(nia.me) == before


@pytest.mark.parametrize(("byline", "shown"), [("keep", "Nia"), ("former", "A former participant")])
def test_deleting_removes_what_the_page_listed_and_keeps_published_weeknotes(
    client, nia, byline, shown
):
    page_id, draft_page = nia.published.pk, nia.draft.page_id
    response = delete(client, nia.me, byline=byline)

    assert response.status_code == 302
    assert response.url == reverse("accounts:deleted")
    assert not get_user_model().objects.filter(pk=nia.me.pk).exists()
    assert set(what_nia_has(nia.me).values()) == {0}
    assert not Invitation.objects.filter(email=EMAIL).exists()
    assert not DraftComment.objects.filter(draft_id=nia.draft.pk).exists()
    # The draft in review is withdrawn: its page that never went live goes with it.
    assert not WeeknotePage.objects.filter(pk=draft_page).exists()
    assert not WorkflowState.objects.filter(object_id=str(draft_page)).exists()
    # Dai's reply stays, under Nia's answered comment shown as removed; the other went.
    assert [c.body for c in Comment.objects.filter(inquiry=nia.shared)] == ["", "Dai's reply."]
    answered = Comment.objects.get(pk=nia.answered.pk)
    assert answered.is_removed and answered.author is None
    weeknote = client.get(WeeknotePage.objects.get(pk=page_id).url).content.decode()
    assert [a.name for a in WeeknoteAuthor.objects.filter(page_id=page_id)] == [shown]
    assert shown in weeknote
    if byline == "former":
        assert "Nia" not in weeknote
        # Nor in the versions an editor could publish again or compare in the admin.
        revisions = Revision.objects.filter(object_id=str(page_id))
        assert revisions and all("Nia" not in str(r.content["authors"]) for r in revisions)
    follow = client.get(response.url).content.decode()
    assert "Your account has been deleted" in follow
    assert "_auth_user_id" not in client.session


def test_a_comment_someone_answered_shows_to_them_as_removed(client, nia):
    delete(client, nia.me)
    client.force_login(nia.fellow)

    page = client.get(reverse("inquiries:detail", args=[nia.shared.pk])).content.decode()

    assert "This comment was removed by its author." in page
    assert "Dai&#x27;s reply." in page or "Dai's reply." in page
    assert "Nia's answered words" not in page and "Nia&#x27;s answered" not in page
    assert "unanswered" not in page


def test_a_failure_midway_leaves_everything_as_it_was(client, nia, monkeypatch):
    """cms goes first, then inquiries, which fails after doing its part."""
    before = what_nia_has(nia.me)
    draft_state, real = nia.draft.state, inquiries.personal_data.delete

    def fails_after_its_part(user, choices):
        real(user, choices)
        raise RuntimeError("the database went away")

    monkeypatch.setattr(inquiries.personal_data, "delete", fails_after_its_part)
    client.raise_request_exception = True

    with pytest.raises(RuntimeError):
        delete(client, nia.me, byline="former")

    assert what_nia_has(nia.me) == before
    assert Comment.objects.get(pk=nia.answered.pk).body == "Nia's answered words."
    assert WeeknoteDraft.objects.get(pk=nia.draft.pk).state == draft_state
    assert WeeknotePage.objects.filter(pk=nia.draft.page_id).exists()
    assert [a.name for a in WeeknoteAuthor.objects.filter(page=nia.published)] == ["Nia"]
    assert Invitation.objects.filter(email=EMAIL).exists()


def test_afterwards_nobody_can_sign_in_as_them_or_read_what_they_kept_private(client, nia):
    delete(client, nia.me)

    signing_in = client.post(reverse("account_login"), {"login": EMAIL, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert signing_in.status_code == 200

    pages = [
        client.get(nia.published.url),
        client.get(reverse("cms:weeknotes_json")),
        client.get(reverse("cms:weeknotes_csv")),
        client.get(reverse("cms:feed_rss")),
    ]
    client.force_login(nia.facilitator)
    pages.append(client.get(reverse("cohorts:cohort_detail", args=[nia.cohort.slug])))
    pages.append(client.get(reverse("cohorts:invitations", args=[nia.cohort.slug])))
    for response in pages:
        text = b"".join(response.streaming_content) if response.streaming else response.content
        assert EMAIL.encode() not in text, response.wsgi_request.path
        assert b"secret" not in text
