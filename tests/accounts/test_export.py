"""/me/export/: one zip of everything a person wrote, and around it only what they may see."""

import io
import json
import random
import re
import types
import zipfile
from pathlib import Path

import pytest
from django.db import connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.export import SCHEMA_VERSION, export_zip
from cms.drafts import services as draft_services
from cohorts.models import Role
from contributions import asks
from contributions.models import InquiryChain
from inquiries import services
from inquiries.models import Comment, Entry, EntryRevision, NotificationSettings
from tests.cms.builders import make_weeknote
from tests.factories import (
    CohortFactory,
    CycleFactory,
    EntryFactory,
    ExpressionOfInterestFactory,
    InquiryFactory,
    MembershipFactory,
)

pytestmark = pytest.mark.django_db

PAGE = reverse("accounts:export")
DOWNLOAD = reverse("accounts:export_download")
DOCS = Path(__file__).resolve().parents[2] / "docs" / "export.md"


def unzip(response) -> dict[str, bytes]:
    assert isinstance(response, StreamingHttpResponse)
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    return {name.split("/", 1)[1]: archive.read(name) for name in archive.namelist()}


def everything(files) -> str:
    return b"".join(files.values()).decode()


@pytest.fixture
def writer(db):
    """A participant who wrote in every visibility, commented on two fellows' inquiries
    (one of which is now private again), drafted a weeknote and published another."""
    cohort = CohortFactory(name="Wrexham 2026")
    me = MembershipFactory(cohort=cohort, user__display_name="Nia").user
    coach = MembershipFactory(cohort=cohort, role=Role.COACH, user__display_name="Cerys").user
    fellow = MembershipFactory(cohort=cohort, user__display_name="Dai").user
    ExpressionOfInterestFactory(user=me, wants_to_work_on="Earlier help at the bus station.")

    mine = {}
    for visibility in ("private", "coaches", "cohort"):
        inquiry = InquiryFactory(
            owner=me, cohort=cohort, visibility=visibility, title=f"My {visibility} inquiry"
        )
        cycle = CycleFactory(inquiry=inquiry, number=1, intention=f"Try {visibility} things.")
        mine[visibility] = EntryFactory(cycle=cycle, body=f"My {visibility} entry, first text.")
    services.entry_update(
        entry=mine["private"], user=me, body="My private entry, second text.", expected_version=1
    )
    services.comment_create(
        inquiry=mine["coaches"].cycle.inquiry,
        author=coach,
        body="A coach's question to Nia.",
        entry=mine["coaches"],
    )

    shared = InquiryFactory(owner=fellow, cohort=cohort, visibility="cohort", title="Dai shares")
    shared_entry = EntryFactory(cycle=CycleFactory(inquiry=shared), body="Dai's shared entry.")
    services.comment_create(
        inquiry=shared, author=me, body="Nia's comment on what Dai shared.", entry=shared_entry
    )
    closed = InquiryFactory(owner=fellow, cohort=cohort, visibility="cohort", title="Dai closed")
    closed_entry = EntryFactory(cycle=CycleFactory(inquiry=closed), body="Dai's entry now hidden.")
    services.comment_create(
        inquiry=closed, author=me, body="Nia's comment kept alone.", entry=closed_entry
    )
    closed.visibility = "private"
    closed.save()
    hidden = InquiryFactory(owner=fellow, cohort=cohort, visibility="private", title="Dai's own")
    EntryFactory(cycle=CycleFactory(inquiry=hidden), body="Dai's private entry.")

    InquiryChain.objects.create(
        inquiry=mine["cohort"].cycle.inquiry, benefit="Fewer people in crisis at night."
    )
    draft = draft_services.draft_start(
        owner=me, cycle=mine["cohort"].cycle, entry_ids=[mine["cohort"].pk]
    )
    draft_services.comment_create(draft=draft, author=me, body="A note to my coach.")
    NotificationSettings.objects.create(user=me, email="digest")
    make_weeknote(title="What the bus station taught us", authors=[me], cohort=cohort)
    make_weeknote(title="Someone else's weeknote", authors=[fellow])
    # An ask of hers, and her offer of help on Dai's, with a reply from him (not hers).
    asks.ask_create(
        author=me, cohort=cohort, title="A GP who sees rough sleepers", sectors=["health"]
    )
    offer = asks.offer_create(
        ask=asks.ask_create(author=fellow, cohort=cohort, title="Dai asks", sectors=["police"]),
        offerer=me,
        body="Nia can help.",
    )
    asks.offer_reply(offer=offer, author=fellow, body="Dai's reply to Nia.")
    return types.SimpleNamespace(me=me, coach=coach, fellow=fellow, mine=mine)


def test_anonymous_visitors_are_sent_to_sign_in(client):
    for url in (PAGE, DOWNLOAD):
        response = client.get(url)

        assert response.status_code == 302
        assert response.url == f"{reverse('account_login')}?next={url}"


def test_the_page_says_what_the_zip_holds_and_offers_the_download(
    client, user, django_assert_max_num_queries
):
    client.force_login(user)

    with django_assert_max_num_queries(6):
        page = client.get(PAGE).content.decode()

    assert "Preparing your download can take a minute for a large account" in page
    assert f'href="{DOWNLOAD}"' in page
    assert f'href="{PAGE}"' in client.get(reverse("accounts:profile")).content.decode()


def test_the_download_is_a_zip_attachment(client, user):
    client.force_login(user)

    response = client.get(DOWNLOAD)

    assert response["Content-Type"] == "application/zip"
    assert response["Cache-Control"] == "no-store"  # not kept on a shared computer or proxy
    assert response["Content-Disposition"].startswith('attachment; filename="cylch-export-')
    assert "cylch-export.json" in unzip(response)


def test_everything_i_wrote_is_in_the_zip_as_json_and_readable_files(client, writer):
    client.force_login(writer.me)

    files = unzip(client.get(DOWNLOAD))

    sections = json.loads(files["cylch-export.json"])["sections"]
    assert {i["title"] for i in sections["inquiries"]} == {
        "My private inquiry",
        "My coaches inquiry",
        "My cohort inquiry",
    }
    assert "My private entry, second text." in {e["body"] for e in sections["entries"]}
    assert [r["body"] for r in sections["entry_revisions"]] == ["My private entry, first text."]
    assert sections["profile"][0]["email"] == writer.me.email
    assert sections["memberships"][0]["cohort"] == "Wrexham 2026"
    assert sections["expressions_of_interest"][0]["wants_to_work_on"].startswith("Earlier help")
    assert [d["title"] for d in sections["weeknote_drafts"]] != []
    assert [(w["title"], w["byline"]) for w in sections["published_weeknotes"]] == [
        ("What the bus station taught us", "Nia")
    ]
    inquiry_files = sorted(name for name in files if name.startswith("inquiries/"))
    assert len(inquiry_files) == 3
    private = next(name for name in inquiry_files if "my-private-inquiry" in name)
    text = files[private].decode()
    assert text.startswith("# My private inquiry")
    assert "## Cycle 1" in text and "Try private things." in text
    assert "My private entry, second text." in text
    assert "Earlier version 1" in text and "My private entry, first text." in text
    assert any(name.startswith("weeknotes/drafts/") for name in files)
    published = [name for name in files if name.startswith("weeknotes/published/")]
    assert len(published) == 1
    assert "- By: Nia" in files[published[0]].decode()


def test_my_comments_come_with_only_what_i_can_still_see(client, writer):
    client.force_login(writer.me)

    files = unzip(client.get(DOWNLOAD))

    comments = json.loads(files["cylch-export.json"])["sections"]["comments"]
    by_body = {comment["body"]: comment for comment in comments}
    seen = by_body["Nia's comment on what Dai shared."]
    assert seen["context"]["inquiry_title"] == "Dai shares"
    assert seen["context"]["entry"]["body"] == "Dai's shared entry."
    alone = by_body["Nia's comment kept alone."]
    assert alone["context"] is None
    readable = files["comments.md"].decode()
    assert "Nia's comment kept alone." in readable
    assert "On an inquiry you can no longer see." in readable
    assert "Dai's shared entry." in readable
    assert "Dai closed" not in everything(files)
    assert "Dai's entry now hidden." not in everything(files)


def test_a_comment_i_removed_is_listed_without_its_text(client, writer):
    comment = writer.me.comments.get(body="Nia's comment on what Dai shared.")
    services.comment_remove(comment=comment, user=writer.me)
    client.force_login(writer.me)

    files = unzip(client.get(DOWNLOAD))

    comments = json.loads(files["cylch-export.json"])["sections"]["comments"]
    removed = next(c for c in comments if c["id"] == comment.pk)
    assert removed["body"] == "" and removed["removed_at"] is not None
    assert "(You removed this comment.)" in files["comments.md"].decode()
    assert "Nia's comment on what Dai shared." not in everything(files)


def test_no_one_elses_private_writing_or_address_is_in_it(client, writer):
    client.force_login(writer.me)

    text = everything(unzip(client.get(DOWNLOAD)))

    assert "Dai's private entry." not in text
    assert "Dai's own" not in text
    assert "Someone else's weeknote" not in text
    assert "A coach's question to Nia." not in text  # others' comments are theirs
    assert writer.fellow.email not in text
    assert writer.coach.email not in text


def test_another_persons_export_holds_none_of_mine(client, writer):
    client.force_login(writer.coach)

    text = everything(unzip(client.get(DOWNLOAD)))

    assert "A coach's question to Nia." in text
    assert "My private" not in text
    assert "What the bus station taught us" not in text


def test_file_names_cannot_climb_out_of_the_export_folder(client, user):
    cohort = MembershipFactory(user=user).cohort
    InquiryFactory(owner=user, cohort=cohort, title="../../etc/passwd")
    client.force_login(user)

    response = client.get(DOWNLOAD)
    names = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))).namelist()

    assert all(re.fullmatch(r"cylch-export-[\d-]+/[\w./-]+", name) for name in names)
    assert not any(".." in name for name in names)
    assert any(name.endswith("inquiries/" + name.rsplit("/", 1)[1]) for name in names)


# --- The documented schema (docs/export.md) is the one written ---

TYPES = {
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "object": lambda v: isinstance(v, dict),
    "string or null": lambda v: v is None or isinstance(v, str),
    "integer or null": lambda v: v is None or isinstance(v, int),
    "object or null": lambda v: v is None or isinstance(v, dict),
    "list of strings": lambda v: isinstance(v, list) and all(isinstance(i, str) for i in v),
    "list of integers": lambda v: isinstance(v, list) and all(isinstance(i, int) for i in v),
    "list of objects": lambda v: isinstance(v, list) and all(isinstance(i, dict) for i in v),
}


def documented_schema() -> dict[str, dict[str, str]]:
    """Each section's table in docs/export.md: field → type; the top level under ``""``."""
    text = DOCS.read_text().split("## `cylch-export.json`", 1)[1]
    schema = {}
    chunks = re.split(r"^### `(\w+)`$", text, flags=re.M)
    names = ["", *chunks[1::2]]
    for name, body in zip(names, chunks[0::2], strict=True):
        rows = re.findall(r"^\| `(\w+)` \| ([a-z ]+) \|", body, flags=re.M)
        schema[name] = dict(rows)
    return schema


def test_the_json_follows_the_documented_schema(client, writer):
    client.force_login(writer.me)
    document = json.loads(unzip(client.get(DOWNLOAD))["cylch-export.json"])
    schema = documented_schema()

    assert document["schema_version"] == SCHEMA_VERSION == "1.1"
    assert "schema version 1.1" in DOCS.read_text()
    assert set(document) == set(schema.pop(""))
    assert set(document["sections"]) == set(schema)
    for name, fields in schema.items():
        assert document["sections"][name], f"the test account has no {name}"
        for record in document["sections"][name]:
            assert set(record) == set(fields), name
            for field, kind in fields.items():
                assert TYPES[kind](record[field]), (name, field, record[field])


# --- A large account streams, in bounded chunks, with a bounded number of queries ---


def account_with_entries(count: int, *, body_size: int = 2000):
    """One inquiry with ``count`` entries, each with an earlier version and a comment."""
    owner = MembershipFactory().user
    inquiry = InquiryFactory(owner=owner, cohort=owner.memberships.get().cohort)
    cycle = CycleFactory(inquiry=inquiry, number=1)
    words = random.Random(count)  # noqa: S311 - text that compresses like writing, not a secret

    def text():
        return " ".join(f"word{words.randrange(5000)}" for _ in range(body_size // 9))

    entries = Entry.objects.bulk_create(
        Entry(cycle=cycle, kind="reflection", body=text(), version=2) for _ in range(count)
    )
    EntryRevision.objects.bulk_create(
        EntryRevision(
            entry=entry, version=1, body="Before.", body_html="", saved_at=entry.updated_at
        )
        for entry in entries
    )
    Comment.objects.bulk_create(
        Comment(inquiry=inquiry, entry=entry, author=owner, body="A note to self.")
        for entry in entries
    )
    return owner


def test_a_large_export_is_sent_in_many_bounded_chunks(client):
    owner = account_with_entries(300)
    chunks = export_zip(owner)

    assert isinstance(chunks, types.GeneratorType)
    sizes = [len(chunk) for chunk in chunks]
    assert sum(sizes) > 256 * 1024
    assert len(sizes) >= 3
    assert max(sizes) < 256 * 1024
    client.force_login(owner)
    assert isinstance(client.get(DOWNLOAD), StreamingHttpResponse)


def test_the_queries_do_not_grow_with_the_entries(db):
    def queries(owner):
        with CaptureQueriesContext(connection) as captured:
            for _chunk in export_zip(owner):
                pass
        return len(captured)

    assert queries(account_with_entries(10)) == queries(account_with_entries(200))
