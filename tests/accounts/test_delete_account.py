"""/me/delete/: what goes and what stays is said first, then it all goes at once."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse
from taggit.models import Tag
from wagtail.models import PageLogEntry, Revision, WorkflowState

import inquiries.personal_data
from accounts import deletion
from cms.drafts.models import DraftComment, WeeknoteDraft
from cms.models import WeeknoteAuthor, WeeknotePage
from cohorts.models import ExpressionOfInterest, Invitation, Membership, Organisation, Role
from inquiries.models import Comment
from tests.accounts.nia import EMAIL, grow, make_nia, what_nia_has
from tests.factories import PASSWORD, ExpressionOfInterestFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

PAGE = reverse("accounts:delete")


@pytest.fixture
def nia(db):
    return make_nia()


def delete(client, user, password=PASSWORD, byline="keep"):
    client.force_login(user)
    return client.post(PAGE, {"password": password, "byline": byline})


def test_the_page_says_what_goes_what_stays_and_offers_the_export_first(
    client, nia, django_assert_max_num_queries
):
    client.force_login(nia.me)

    # One count for each kind of thing removed (contributions: chains, asks, offers, messages).
    with django_assert_max_num_queries(20):
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
    monkeypatch.setattr(deletion, "refusals", lambda user, **asked: [])
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


def test_the_page_of_the_draft_in_review_leaves_no_title_in_history_nor_its_own_tags(client, nia):
    """Its page goes with the draft; Wagtail's history of it (Reports → Site history) and
    the tags only it had (the admin's tag suggestions) would still say what it said."""
    draft_page = nia.draft.page_id
    nia.published.tags.add("trust")  # shared with a published weeknote: that one stays
    nia.published.save_revision().publish()
    assert PageLogEntry.objects.filter(page_id=draft_page).exists()

    delete(client, nia.me)

    labels = PageLogEntry.objects.filter(page_id=draft_page).values_list("label", flat=True)
    assert set(labels) == {"A withdrawn weeknote"}
    assert list(Tag.objects.filter(name__in=["trust", "outreach"]).values_list("name")) == [
        ("trust",)
    ]


def test_an_organisation_only_they_typed_goes_one_named_by_others_or_checked_stays(client, nia):
    """Every picker offers every organisation: one that only this person named, and staff
    never checked, would go on telling everyone where they worked."""
    mine = Membership.objects.get(user=nia.me)
    checked = mine.organisation  # verified by staff
    typed = OrganisationFactory(name="Nia's own charity", verified=False)
    also_theirs = OrganisationFactory(name="Typed by two", verified=False)
    ExpressionOfInterest.objects.filter(user=nia.me).update(organisation=typed)
    ExpressionOfInterestFactory(user=nia.fellow, organisation=also_theirs)
    Membership.objects.filter(pk=mine.pk).update(organisation=also_theirs)

    delete(client, nia.me)

    assert not Organisation.objects.filter(pk=typed.pk).exists()
    assert Organisation.objects.filter(pk__in=[checked.pk, also_theirs.pk]).count() == 2


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


@pytest.mark.parametrize("size", [1, 8])
def test_the_deletion_takes_as_many_queries_however_much_they_wrote(
    nia, size, django_assert_max_num_queries
):
    """Rows go in bulk. The one exception: renaming the byline writes each published
    weeknote's search entry again, and Wagtail's database backend writes one at a time."""
    grow(nia, size)
    weeknotes = WeeknoteAuthor.objects.filter(user=nia.me).count()
    pk = nia.me.pk

    with django_assert_max_num_queries(222 + weeknotes):
        deletion.delete_account(nia.me, deletion.DeletionChoices(keep_byline=False))

    assert set(what_nia_has(pk).values()) == {0}
