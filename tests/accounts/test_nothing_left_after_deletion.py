"""After an account is deleted, nothing shows the person's private writing or address
(issue 15, item 4): no page anyone can open, no feed, search result, open-data file or
admin screen, no email sent afterwards, no search-index entry and no database row but
those docs/visibility.md names (the account-change log keeps addresses).

The person writes a distinctive word in every field they can fill in: each private word
starts with ``zzq``, so a single search of each response finds any of them. What they
published is public by nature and stays; its words start with ``pub`` and are not looked
for. Their name may stay only where they chose to keep it on their weeknotes.
"""

import re
import types
from html import unescape
from urllib.parse import quote

import pytest
from django.apps import apps
from django.contrib import admin
from django.core import mail
from django.core.management import call_command
from django.db import models
from django.test import Client
from django.urls import NoReverseMatch, reverse
from wagtail.models import Page
from wagtail.search.models import IndexEntry
from wagtail.snippets.models import get_snippet_models

from accounts.models import AccountChangeRecord
from cms.drafts import services as draft_services
from cms.models import WeeknoteAuthor, WeeknoteIndexPage
from cohorts.models import Role
from cohorts.services.invitations import invitation_create
from contributions.chains import chain_save
from inquiries import services
from inquiries.models import Inquiry, NotificationSettings
from kernel import open_data
from tests.cms.builders import make_weeknote
from tests.cms.drafts.conftest import make_editor
from tests.cms.drafts.steps import act, fill
from tests.factories import (
    PASSWORD,
    CohortFactory,
    CycleFactory,
    EntryFactory,
    ExpressionOfInterestFactory,
    InquiryFactory,
    MembershipFactory,
    OrganisationFactory,
    StaffFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

EMAIL = "zz-sweep-person@example.org"
NAME = "Zephyrine Sweepwell"
PRIVATE = "zzq"  # every word the person wrote that was never published starts so
# Words each looked for in the site's search (the prefix alone is not a word there).
SEARCHED = [
    "zzqtitleprivate",
    "zzqtitlecohort",
    "zzqentrycohort",
    "zzqoldcohort",
    "zzqanswered",
    "zzqdrafttitle",
    "zzqdraftbody",
    "zzqbenefit",
    "zzqinterest",
]


def make_person(*, named=True):
    """Someone who wrote in every place a person can, and the people around them. Without
    a name, the site calls them by their address wherever it would show the name."""
    cohort = CohortFactory(name="Sweep cohort", slug="sweep-cohort")
    facilitator = MembershipFactory(cohort=cohort, role=Role.FACILITATOR).user
    # sent before they joined: facilitators see the address on it
    invitation_create(cohort=cohort, email=EMAIL, role=Role.PARTICIPANT, invited_by=facilitator)
    me = MembershipFactory(
        cohort=cohort,
        user__email=EMAIL,
        user__display_name=NAME if named else "",
        user__first_name="",
        user__last_name="",
        role_in_organisation="zzqroleinorganisation",
        organisation=OrganisationFactory(name="zzqorganisation", verified=False),  # typed
    ).user
    coach = MembershipFactory(cohort=cohort, role=Role.COACH).user
    fellow = MembershipFactory(cohort=cohort).user
    ExpressionOfInterestFactory(
        user=me,
        issue=cohort.issue,
        role_in_organisation="zzqinterestrole",
        organisation=OrganisationFactory(name="zzqinterestorganisation", verified=False),
        wants_to_work_on="zzqinterest at the bus station.",
    )
    for person in (me, coach, fellow, facilitator):
        NotificationSettings.objects.create(user=person, email="digest")

    mine = {}
    for visibility in ("private", "coaches", "cohort"):
        inquiry = InquiryFactory(
            owner=me,
            cohort=cohort,
            visibility=visibility,
            title=f"zzqtitle{visibility}",
            question=f"zzqquestion{visibility}?",
            why_it_matters=f"zzqwhy{visibility}.",
        )
        cycle = CycleFactory(
            inquiry=inquiry,
            number=1,
            intention=f"zzqintention{visibility}",
            learned=f"zzqlearned{visibility}",
            next_step=f"zzqnextstep{visibility}",
        )
        entry = EntryFactory(
            cycle=cycle,
            body=f"zzqold{visibility} entry.",
            body_html=f"<p>zzqold{visibility} entry.</p>",
            with_whom=f"zzqwithwhom{visibility}",
        )
        services.entry_update(
            entry=entry, user=me, body=f"zzqentry{visibility} again.", expected_version=1
        )
        chain_save(
            inquiry=inquiry,
            user=me,
            benefit=f"zzqbenefit{visibility}",
            beneficiaries=f"zzqbeneficiaries{visibility}",
            users=f"zzqchainusers{visibility}; zzqmoreusers",
            results=f"zzqresults{visibility}",
        )
        mine[visibility] = types.SimpleNamespace(inquiry=inquiry, cycle=cycle, entry=entry)

    # Others write to them, and they answer (each a notification for someone).
    theirs = mine["cohort"]
    question = services.comment_create(
        inquiry=theirs.inquiry, author=coach, body="A coach asks why.", entry=theirs.entry
    )
    services.comment_create(
        inquiry=theirs.inquiry, author=me, body="zzqanswertocoach", parent=question
    )
    shared = InquiryFactory(owner=fellow, cohort=cohort, visibility="cohort", title="Fellow's")
    answered = services.comment_create(inquiry=shared, author=me, body="zzqanswered words.")
    services.comment_create(inquiry=shared, author=fellow, body="Fellow's reply.", parent=answered)
    services.comment_create(inquiry=shared, author=me, body="zzqunanswered words.")
    asked = services.comment_create(inquiry=shared, author=fellow, body="Fellow asks.")
    services.comment_create(inquiry=shared, author=me, body="zzqreplytofellow", parent=asked)

    # A draft in review, with a coach's comment and theirs; a quiet draft of their own.
    draft = draft_services.draft_start(owner=me, cycle=theirs.cycle, entry_ids=[theirs.entry.pk])
    fill(
        draft,
        me,
        title="zzqdrafttitle",
        summary="zzqdraftsummary",
        body="zzqdraftbody",
        tags="zzqdrafttag",
    )
    draft_services.draft_submit(draft=draft, user=me)
    draft.refresh_from_db()
    draft_services.comment_create(draft=draft, author=coach, body="zzqcoachondraft")
    draft_services.comment_create(draft=draft, author=me, body="zzqdraftcomment")
    quiet = draft_services.draft_start(
        owner=me, cycle=mine["private"].cycle, entry_ids=[mine["private"].entry.pk]
    )
    fill(quiet, me, title="zzqquiettitle", summary="zzqquietsummary", body="zzqquietbody", tags="")

    # A weeknote published through review, then a new version of it sent to the editors.
    reviewed = draft_services.draft_start(
        owner=me, cycle=mine["coaches"].cycle, entry_ids=[mine["coaches"].entry.pk]
    )
    fill(reviewed, me, title="pubreviewed", summary="pubreviewed", body="pubreviewed", tags="")
    draft_services.draft_submit(draft=reviewed, user=me)
    reviewed.refresh_from_db()
    act(reviewed.page, make_editor(), "approve")
    reviewed.refresh_from_db()
    fill(
        reviewed,
        me,
        title="zzqnewversiontitle",
        summary="zzqnewversionsummary",
        body="zzqnewversionbody",
        tags="zzqnewversiontag",
    )
    draft_services.draft_submit(draft=reviewed, user=me)

    published = make_weeknote(
        title="pubtitle of the bus station",
        summary="pubsummary",
        body=[("paragraph", "<p>pubbody</p>")],
        authors=[me, fellow],
        cohort=cohort,
        issue=cohort.issue,
        tags=["pubtag"],
    )
    return types.SimpleNamespace(
        me=me,
        cohort=cohort,
        facilitator=facilitator,
        coach=coach,
        fellow=fellow,
        shared=shared,
        published=published,
        reviewed=reviewed.page,
        draft_page_id=draft.page_id,
    )


# --- The ways an account is deleted ---


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def by_themselves(person, byline, operator):
    url = reverse("accounts:delete")
    return signed_in(person.me).post(url, {"password": PASSWORD, "byline": byline})


def by_staff_in_django_admin(person, byline, operator):
    url = reverse("admin:accounts_user_delete", args=[person.me.pk])
    return signed_in(operator).post(url, {"post": "yes", "byline": byline})


def by_staff_in_wagtail_admin(person, byline, operator):
    url = reverse("wagtailusers_users:delete", args=[person.me.pk])
    return signed_in(operator).post(url, {"byline": byline})


# Who deletes it, what the bylines become, and whether the person had a name.
WAYS = {
    "themselves-keeping-their-name": (by_themselves, "keep", True),
    "themselves-nameless-as-a-former-participant": (by_themselves, "former", False),
    "staff-in-the-django-admin": (by_staff_in_django_admin, "former", True),
    "staff-in-the-wagtail-admin": (by_staff_in_wagtail_admin, "former", True),
}


# --- Looking for what is left ---


def leaks_in(text: str, *, name_allowed: bool, ignoring: str = "") -> list[str]:
    """Each private thing the text still holds: a ``zzq`` word, the address, the name."""
    text = unescape(text)
    if ignoring:  # what was searched for, as the page echoes it and as its address has it
        text = text.replace(ignoring, "").replace(quote(ignoring), "")
    # As whole words: a random token in a page (a CSRF token, a nonce) may hold the letters.
    found = sorted(set(re.findall(rf"(?<![\w-]){PRIVATE}[a-z]+(?!\w)", text)))
    if "zz-sweep-person" in text.lower():  # the address, or its first part alone
        found.append(EMAIL)
    if not name_allowed and NAME.lower() in text.lower():
        found.append(NAME)
    return found


def public_paths(person):
    index = WeeknoteIndexPage.objects.get().url
    paths = [
        "/",
        index,
        f"{index}?tag=pubtag",
        f"{index}?issue={person.cohort.issue.slug}",
        f"{index}?cohort={person.cohort.slug}",
        person.published.url,
        person.reviewed.url,
        reverse("cohorts:issue_list"),
        reverse("cohorts:issue_detail", args=[person.cohort.issue.slug]),
        reverse("cms:feed_rss"),
        reverse("cms:feed_atom"),
        reverse("cms:sitemap"),
        "/api/v2/pages/?fields=*",
        f"/api/v2/pages/{person.published.pk}/",
        reverse("cms:open_data"),
        reverse("cms:weeknotes_json"),
        reverse("cms:weeknotes_csv"),
        reverse("cms:cohorts_json"),
    ]
    paths += [f"{index}?author={byline.slug}" for byline in WeeknoteAuthor.objects.all()]
    for dataset in open_data.datasets():
        paths += [
            reverse("cms:dataset_json", args=[dataset.name]),
            reverse("cms:dataset_csv", args=[dataset.name]),
        ]
    return paths


def member_paths(person):
    slug = person.cohort.slug
    return [
        reverse("cohorts:cohort_list"),
        reverse("cohorts:cohort_detail", args=[slug]),
        reverse("cohorts:cohort_history", args=[slug]),
        reverse("cohorts:invitations", args=[slug]),
        reverse("contributions:board", args=[slug]),
        reverse("contributions:relationship_map", args=[slug]),
        reverse("inquiries:list"),
        reverse("inquiries:detail", args=[person.shared.pk]),
        reverse("accounts:me"),
        reverse("notifications:list"),
        reverse("weeknote_drafts:list"),
    ]


def admin_paths(person):
    index = WeeknoteIndexPage.objects.get()
    paths = [
        "/admin/",
        f"/admin/pages/{Page.get_first_root_node().pk}/",
        f"/admin/pages/{index.pk}/",
        "/admin/reports/site-history/",
        "/admin/reports/workflow/",
        "/admin/reports/workflow_tasks/",
        "/admin/users/",
        "/django-admin/",
    ]
    for page in (person.published, person.reviewed):  # the second had a version in review
        paths += [f"/admin/pages/{page.pk}/edit/", f"/admin/pages/{page.pk}/history/"]
    if person.draft_page_id:  # the review's page went with the draft; its address answers 404
        paths.append(f"/admin/pages/{person.draft_page_id}/edit/")
    for model in get_snippet_models():  # every listing in Wagtail's admin, new ones too
        paths.append(reverse(model.snippet_viewset.get_url_name("list")))
    for model in admin.site._registry:  # and in Django's
        try:
            meta = model._meta
            paths.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"))
        except NoReverseMatch:
            pass
    return paths


def crawl(client, paths, *, name_allowed) -> dict[str, list[str]]:
    leaks = {}
    for path in paths:
        response = client.get(path)
        assert response.status_code in (200, 302, 403, 404), (path, response.status_code)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        if found := leaks_in(body.decode(), name_allowed=name_allowed):
            leaks[path] = found
    return leaks


def search_leaks(client, *, name_allowed) -> dict[str, list[str]]:
    """The public search and the admins' searches: each echoes what was asked, so that is
    taken out before looking; and each must find nothing."""
    leaks = {}
    searches = [(f"{reverse('cms:search')}?q=", word) for word in [*SEARCHED, EMAIL, NAME]]
    searches += [("/admin/pages/search/?q=", word) for word in SEARCHED]
    searches += [("/admin/users/?q=", word) for word in ("zz-sweep", NAME)]
    searches += [("/django-admin/accounts/user/?q=", word) for word in ("zz-sweep", NAME)]
    for start, word in searches:
        response = client.get(start + quote(word))
        page = response.content.decode()
        if found := leaks_in(page, name_allowed=name_allowed, ignoring=word):
            leaks[start + word] = found
        if 'class="search-results"' in page and not (name_allowed and word == NAME):
            leaks[start + word] = ["a result"]
    return leaks


# What docs/visibility.md says stays after an account is deleted: the log of changes to
# passwords and addresses keeps the address (it is the operators' record).
DOCUMENTED_EXCEPTIONS = {AccountChangeRecord}


def rows_holding(*, name_allowed) -> dict[str, list[str]]:
    """Every text field of every model, this project's and its libraries', new ones too."""
    leaks = {}
    for model in apps.get_models():
        if model in DOCUMENTED_EXCEPTIONS or model._meta.proxy:
            continue
        fields = [
            field.name
            for field in model._meta.concrete_fields
            if isinstance(field, models.CharField | models.TextField | models.JSONField)
        ]
        for field in fields:
            for value in model.objects.values_list(field, flat=True).iterator():
                if value and (found := leaks_in(str(value), name_allowed=name_allowed)):
                    leaks.setdefault(f"{model._meta.label}.{field}", []).extend(found)
    return leaks


def index_holds(*, name_allowed) -> list[str]:
    """Wagtail's search index: text on SQLite, PostgreSQL's lexemes (stemmed, but still
    starting with the marked letters) there."""
    entries = IndexEntry.objects.values_list("title", "body", "autocomplete")
    indexed = [str(text) for entry in entries for text in entry if text]
    return leaks_in("\n".join(indexed), name_allowed=name_allowed)


# --- The sweep ---


@pytest.fixture
def operator(db):
    return UserFactory(is_superuser=True, is_staff=True, display_name="Operator")


@pytest.fixture(params=list(WAYS))
def deleted(request, operator, django_capture_on_commit_callbacks):
    """The person, their account deleted in one of the four ways; the mail sent before it
    is cleared, so the outbox holds what the deletion and what follows sent."""
    way, byline, named = WAYS[request.param]
    person = make_person(named=named)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = way(person, byline, operator)
    assert response.status_code == 302
    person.keep = byline == "keep"
    return person


def test_no_page_anyone_opens_shows_what_they_wrote(deleted, operator):
    """Public pages as anyone; cohort pages as each role left in the cohort; both admins
    as staff and as an operator; and every search there is."""
    public, members = public_paths(deleted), member_paths(deleted)
    admins = members + admin_paths(deleted)
    looks = [  # public pages read the same signed in: once out, once in, once as operator
        ("anonymous", Client(), public),
        ("fellow", signed_in(deleted.fellow), public + members),
        ("coach", signed_in(deleted.coach), members),
        ("facilitator", signed_in(deleted.facilitator), members),
        ("staff", signed_in(StaffFactory()), admins),
        ("operator", signed_in(operator), public + admins),
    ]
    leaks = {}
    for name, client, paths in looks:
        for path, found in crawl(client, paths, name_allowed=deleted.keep).items():
            leaks[f"{name} {path}"] = found
    for path, found in search_leaks(signed_in(operator), name_allowed=deleted.keep).items():
        leaks[f"operator {path}"] = found

    assert leaks == {}
    weeknote = Client().get(deleted.published.url).content.decode()
    assert "pubbody" in weeknote  # what they published stays
    assert (NAME in weeknote) is (deleted.keep and deleted.me.display_name == NAME)


def test_no_email_sent_afterwards_carries_it(deleted, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_digests", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert [message.to for message in mail.outbox] == [[deleted.fellow.email]]
    assert "A former member commented on your inquiry" in mail.outbox[0].body
    leaks = {}
    for message in mail.outbox:
        parts = [message.subject, message.body, *message.to, *message.cc, *message.bcc]
        parts += [str(value) for value in message.extra_headers.values()]
        parts += [content for content, _type in getattr(message, "alternatives", [])]
        if found := leaks_in("\n".join(parts), name_allowed=deleted.keep):
            leaks[f"to {message.to}: {message.subject}"] = found
    assert leaks == {}


def test_the_search_index_and_the_database_keep_only_what_the_docs_say(deleted):
    assert index_holds(name_allowed=deleted.keep) == []
    assert rows_holding(name_allowed=deleted.keep) == {}
    kept = AccountChangeRecord.objects.filter(holder_email=EMAIL)
    # Only the log of changes keeps the address, as docs/visibility.md says.
    assert set(kept.values_list("holder_email", flat=True)) <= {EMAIL}


def test_the_sweep_finds_what_they_wrote_while_the_account_is_there(operator):
    """The same looks, before the deletion, find their words where each role may read
    them: the sweep above is not passing because it cannot see."""
    person = make_person()
    shared = reverse("inquiries:detail", args=[person.shared.pk])
    board = reverse("contributions:board", args=[person.cohort.slug])
    invitations = reverse("cohorts:invitations", args=[person.cohort.slug])
    inquiries_listed = reverse(Inquiry.snippet_viewset.get_url_name("list"))
    seen = {
        "fellow": crawl(signed_in(person.fellow), [shared, board], name_allowed=True),
        "coach": crawl(signed_in(person.coach), [board, "/me/weeknotes/"], name_allowed=True),
        "operator": crawl(
            signed_in(operator),
            [invitations, inquiries_listed, f"/admin/pages/{person.draft_page_id}/edit/"],
            name_allowed=True,
        ),
    }

    assert {"zzqanswered", "zzqunanswered", "zzqreplytofellow"} <= set(seen["fellow"][shared])
    assert "zzqbenefitcohort" in seen["fellow"][board]
    assert "zzqbenefitcoaches" not in seen["fellow"][board]
    assert "zzqbenefitcoaches" in seen["coach"][board]
    assert "zzqdrafttitle" in seen["coach"]["/me/weeknotes/"]
    assert EMAIL in seen["operator"][invitations]
    assert "zzqtitleprivate" in seen["operator"][inquiries_listed]
    assert "zzqdraftbody" in seen["operator"][f"/admin/pages/{person.draft_page_id}/edit/"]
    assert {
        "accounts.User.email",
        "cohorts.Invitation.email",
        "cohorts.ExpressionOfInterest.wants_to_work_on",
        "inquiries.EntryRevision.body",
        "contributions.InquiryChain.benefit",
        "cms.DraftComment.body",
        "taggit.Tag.name",
        "wagtailcore.PageLogEntry.label",
    } <= set(rows_holding(name_allowed=True))
    # The review's page is indexed while it waits (stemmed on PostgreSQL: "zzqdraftbodi").
    assert any(word.startswith("zzqdraft") for word in index_holds(name_allowed=True))
