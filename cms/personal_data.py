"""Publishing's part of a person's export (the protocol: accounts/personal_data.py).

Their weeknote drafts in every state, their comments on drafts (with the draft's title
only while they may still read it: ``WeeknoteDraft.objects.visible_to``), and the
published weeknotes that carry their byline.
"""

from django.contrib.contenttypes.models import ContentType
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from wagtail.models import Page, Revision

from accounts.personal_data import safe_name, stamp
from kernel.search_index import reindex

from .drafts.models import DraftComment, WeeknoteDraft
from .models import WeeknoteAuthor, WeeknotePage, free_author_slugs

BATCH = 200


def _drafts(user):
    return (
        WeeknoteDraft.objects.filter(owner=user)
        .select_related("page")
        .prefetch_related("entries")
        .order_by("week_of", "pk")
    )


def _published(user):
    return (
        WeeknotePage.objects.live()
        .filter(authors__user=user)
        .prefetch_related("authors", "tags")
        .order_by("week_of", "pk")
        .distinct()
    )


def sections(user):
    yield "weeknote_drafts", (_draft_record(draft) for draft in _drafts(user).iterator(BATCH))
    yield "weeknote_draft_comments", _draft_comment_records(user)
    pages = _published(user).iterator(BATCH)
    yield "published_weeknotes", (_page_record(page, user) for page in pages)


def _draft_record(draft):
    return {
        "id": draft.pk,
        "inquiry_id": draft.inquiry_id,
        "cycle_id": draft.cycle_id,
        "entry_ids": sorted(entry.pk for entry in draft.entries.all()),
        "title": draft.title,
        "week_of": stamp(draft.week_of),
        "summary": draft.summary,
        "body": draft.body,
        "tags": draft.tag_list,
        "state": draft.state,
        "review_comment": draft.review_comment,
        "published_weeknote_id": draft.page_id if draft.page and draft.page.live else None,
        "submitted_at": stamp(draft.submitted_at),
        "published_at": stamp(draft.published_at),
        "created_at": stamp(draft.created_at),
        "updated_at": stamp(draft.updated_at),
    }


def _draft_comment_records(user):
    readable = set(WeeknoteDraft.objects.visible_to(user).values_list("pk", flat=True))
    comments = (
        DraftComment.objects.filter(author=user).select_related("draft").order_by("created_at")
    )
    for comment in comments.iterator(BATCH):
        yield {
            "id": comment.pk,
            "draft_id": comment.draft_id,
            "on_my_draft": comment.draft.owner_id == user.pk,
            "body": comment.body,
            "created_at": stamp(comment.created_at),
            "draft_title": comment.draft.title if comment.draft_id in readable else None,
        }


def _byline(page, user) -> str:
    return next((author.name for author in page.authors.all() if author.user_id == user.pk), "")


def _page_record(page, user):
    return {
        "id": page.pk,
        "title": page.title,
        "url": page.full_url,
        "week_of": stamp(page.week_of),
        "byline": _byline(page, user),
        "authors": [author.name for author in page.authors.all()],
        "summary": page.summary,
        "tags": sorted(tag.name for tag in page.tags.all()),
        "body": list(page.body.get_prep_value()),
        "first_published_at": stamp(page.first_published_at),
        "last_published_at": stamp(page.last_published_at),
    }


# --- Readable files ---


def files(user):
    for draft in _drafts(user).iterator(BATCH):
        yield f"weeknotes/drafts/{safe_name(draft.pk, draft.title)}.md", [_draft_markdown(draft)]
    for page in _published(user).iterator(BATCH):
        path = f"weeknotes/published/{safe_name(page.pk, page.title)}.md"
        yield path, [_page_markdown(page)]


def _draft_markdown(draft):
    lines = [f"# {draft.title}\n\n", f"- Week of: {draft.week_of:%Y-%m-%d}\n"]
    lines.append(f"- Where it stands: {draft.get_state_display()}\n")
    if draft.tag_list:
        lines.append(f"- Tags: {', '.join(draft.tag_list)}\n")
    lines.append(f"\n{draft.summary}\n\n{draft.body}\n")
    if draft.review_comment:
        lines.append(f"\n## The editors' comment\n\n{draft.review_comment}\n")
    return "".join(lines)


def _page_markdown(page):
    authors = ", ".join(author.name for author in page.authors.all())
    lines = [f"# {page.title}\n\n", f"- By: {authors}\n", f"- Week of: {page.week_of:%Y-%m-%d}\n"]
    lines.append(f"- Published at: {page.full_url}\n\n{page.summary}\n\n")
    lines.extend(_block_markdown(block) for block in page.body)
    return "".join(lines)


def _block_markdown(block) -> str:
    """Each kind of block as the text a person reads; no HTML is written."""
    value = block.value
    match block.block_type:
        case "paragraph":
            return f"{strip_tags(value.source)}\n\n"
        case "heading":
            return f"{'##' if value['level'] == 'h2' else '###'} {value['text']}\n\n"
        case "quote":
            said = f"\n>\n> — {value['attribution']}" if value["attribution"] else ""
            quote = value["quote"].replace("\n", "\n> ")
            return f"> {quote}{said}\n\n"
        case "image":
            return f"[Image: {value['alt_text']}]\n\n"
        case "links":
            heading = f"{value['heading']}\n\n" if value["heading"] else ""
            links = "".join(f"- [{link['title']}]({link['url']})\n" for link in value["links"])
            return f"{heading}{links}\n"
        case _:
            return f"{value}\n\n"


# --- Deleting the account (accounts/deletion.py) ---


def counts(user):
    yield WeeknoteDraft.objects.filter(owner=user)
    yield DraftComment.objects.filter(author=user)


def delete(user, choices) -> None:
    """Drafts go in one delete, which still sends each draft's pre_delete, so a draft in
    review is withdrawn first (drafts/review.py). Published weeknotes stay, with the byline
    kept or made anonymous, slug and all. Each step is one or a few queries, however much
    the person wrote, but for the drafts in review."""
    WeeknoteDraft.objects.filter(owner=user).delete()
    DraftComment.objects.filter(author=user).delete()
    if choices.keep_byline:
        return
    former = _("A former participant")
    bylines = list(WeeknoteAuthor.objects.filter(user=user))
    # Each its own slug, as before: ?author= must not gather a deleted person's weeknotes.
    for byline, slug in zip(bylines, free_author_slugs(former, len(bylines)), strict=True):
        byline.user, byline.name, byline.slug = None, former, slug
    WeeknoteAuthor.objects.bulk_update(bylines, ["user", "name", "slug"])
    pages = WeeknotePage.objects.filter(pk__in=[byline.page_id for byline in bylines])
    _rename_in_revisions(pages, user, former)
    reindex(pages)


def _rename_in_revisions(pages, user, former) -> None:
    """Each saved version names its authors too: publishing an old one, or comparing
    versions in the admin, must not bring the name back."""
    revisions = list(
        Revision.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id__in=[str(pk) for pk in pages.values_list("pk", flat=True)],
        )
    )
    for revision in revisions:
        for author in revision.content.get("authors", []):
            if author.get("user") == user.pk:
                author.update(user=None, name=former, slug="")
    Revision.objects.bulk_update(revisions, ["content"])
