"""A participant with something of every kind to delete (tests of accounts/deletion.py)."""

import types

from cms.drafts import services as draft_services
from cms.drafts.models import WeeknoteDraft
from cms.models import WeeknoteAuthor
from cohorts.models import ExpressionOfInterest, Membership, Role
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
    CohortFactory,
    CycleFactory,
    EntryFactory,
    ExpressionOfInterestFactory,
    InquiryFactory,
    MembershipFactory,
)

EMAIL = "nia.private@example.org"


def make_nia():
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
        inquiry = InquiryFactory(
            owner=me, cohort=cohort, visibility=visibility, title=f"Nia's {visibility} secret"
        )
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


def grow(nia, size: int) -> None:
    """``size`` more of everything: inquiries with an entry written twice and a question
    on it, comments on a fellow's inquiry (answered and not), drafts, published weeknotes."""
    for number in range(size):
        inquiry = InquiryFactory(owner=nia.me, cohort=nia.cohort, visibility="cohort")
        cycle = CycleFactory(inquiry=inquiry, number=1)
        entry = EntryFactory(cycle=cycle, body="More.")
        services.entry_update(entry=entry, user=nia.me, body="Again.", expected_version=1)
        services.comment_create(inquiry=inquiry, author=nia.coach, body="Why?", entry=entry)
        answered = services.comment_create(inquiry=nia.shared, author=nia.me, body="Yes.")
        services.comment_create(inquiry=nia.shared, author=nia.fellow, body="Oh.", parent=answered)
        services.comment_create(inquiry=nia.shared, author=nia.me, body="No.")
        draft_services.draft_start(owner=nia.me, cycle=cycle, entry_ids=[entry.pk])
        make_weeknote(title=f"Week {number}", authors=[nia.me], cohort=nia.cohort)
