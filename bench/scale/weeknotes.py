"""Published weeknotes under the weeknote index, built in bulk.

Wagtail's ``add_child`` and ``publish`` take about 30 queries a page; 10,000 of them
would take most of the time allowed. Here the page rows are built as ``add_child``
would leave them, with their tree paths made by treebeard's own ``_get_path`` after
the index's last child, and inserted a few thousand at a time: the ``wagtailcore_page``
rows first (their ids come back), then the weeknotes' own rows. The index's child count
is set once at the end, and the test asks treebeard to find no problem in the tree.

Each weeknote is live and published (no view restriction is made, so ``published()``
finds it), filed under a cohort and its issue (a tenth under an issue alone), with one
or two bylines of its cohort's members and a few tags. Wagtail revisions are not made:
no public page reads them, and an editor's first edit starts the history. Pages are
then added to the search index, as saving them would have done.
"""

import datetime
import uuid

from django.contrib.contenttypes.models import ContentType
from django.db.models import F
from django.utils.text import slugify
from taggit.models import Tag
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backends

from cms.models import WeeknoteAuthor, WeeknoteIndexPage, WeeknotePage, WeeknotePageTag, byline_name

from .people import TODAY, CohortPlan
from .text import TAGS, TextMaker

CHUNK = 2000
ISSUE_ONLY_SHARE = 0.1


def author_slugs(people) -> dict[int, str]:
    """One public slug per person, never one another person already has (as
    ``cms.models.author_slug_for`` decides it, without a query for each)."""
    taken = set(WeeknoteAuthor.objects.values_list("slug", flat=True))
    slugs = {}
    for person in people:
        base = slugify(byline_name(person))[:80] or "author"
        slug, number = base, 2
        while slug in taken:
            slug, number = f"{base}-{number}", number + 1
        taken.add(slug)
        slugs[person.pk] = slug
    return slugs


def monday_between(rng, first: datetime.date, last: datetime.date) -> datetime.date:
    first = first + datetime.timedelta(days=-first.weekday() % 7)
    weeks = max(0, (last - first).days // 7)
    return first + datetime.timedelta(weeks=rng.randint(0, weeks))


class PageRows:
    """Page rows as ``add_child`` makes them, numbered on after the index's last child."""

    def __init__(self, rng, index: WeeknoteIndexPage):
        self.rng = rng
        self.index = index
        last = index.get_last_child()
        self.step = Page._str2int(last.path[-Page.steplen :]) if last else 0
        self.slugs = set(index.get_children().values_list("slug", flat=True))
        self.content_type = ContentType.objects.get_for_model(WeeknotePage)
        self.locale = Locale.get_default()

    def new_id(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def unique_slug(self, title: str) -> str:
        base = slugify(title)[:80]
        slug, number = base, 2
        while slug in self.slugs:
            slug, number = f"{base}-{number}", number + 1
        self.slugs.add(slug)
        return slug

    def page(self, title: str, published: datetime.datetime) -> Page:
        self.step += 1
        slug = self.unique_slug(title)
        return Page(
            path=Page._get_path(self.index.path, self.index.depth + 1, self.step),
            depth=self.index.depth + 1,
            numchild=0,
            translation_key=self.new_id(),
            locale=self.locale,
            live=True,
            has_unpublished_changes=False,
            first_published_at=published,
            last_published_at=published,
            title=title,
            draft_title=title,
            slug=slug,
            content_type=self.content_type,
            url_path=f"{self.index.url_path}{slug}/",
        )


def build_weeknotes(rng, text: TextMaker, plans: list[CohortPlan], count: int, progress) -> int:
    index = WeeknoteIndexPage.objects.get()
    rows = PageRows(rng, index)
    slugs = author_slugs(sorted({p for plan in plans for p in plan.members}, key=lambda p: p.pk))
    tags = [
        Tag.objects.get_or_create(slug=slugify(name), defaults={"name": name})[0] for name in TAGS
    ]
    earliest = min(plan.cohort.starts_on for plan in plans)
    made = []
    for start in range(0, count, CHUNK):
        pages, weeknotes, bylines, tagged = [], [], [], []
        for _ in range(min(CHUNK, count - start)):
            plan = rng.choice(plans)
            issue_only = rng.random() < ISSUE_ONLY_SHARE
            last = min(plan.cohort.ends_on, TODAY - datetime.timedelta(days=7))
            week_of = monday_between(rng, earliest if issue_only else plan.cohort.starts_on, last)
            published = datetime.datetime.combine(
                week_of + datetime.timedelta(days=rng.randint(4, 6)),
                datetime.time(rng.randint(9, 17), rng.randint(0, 59)),
                tzinfo=datetime.UTC,
            )
            page = rows.page(text.weeknote_title(), published)
            pages.append(page)
            weeknotes.append(
                WeeknotePage(
                    week_of=week_of,
                    summary=text.weeknote_summary(),
                    body=text.weeknote_body(rows.new_id),
                    issue=plan.cohort.issue,
                    cohort=None if issue_only else plan.cohort,
                )
            )
            people = plan.participants or plan.members
            authors = rng.sample(people, min(len(people), 1 if rng.random() < 0.8 else 2))
            bylines.append(authors)
            tagged.append(rng.sample(tags, rng.randint(1, 3)))
        Page.objects.bulk_create(pages)
        for page, weeknote in zip(pages, weeknotes, strict=True):
            weeknote.page_ptr_id = weeknote.id = page.pk
        # Django will not bulk insert a model with a parent table: its own rows go in
        # through the insert bulk_create itself uses, one statement a batch.
        WeeknotePage._base_manager._insert(
            weeknotes,
            fields=WeeknotePage._meta.local_concrete_fields,
            using=WeeknotePage.objects.db,
        )
        WeeknoteAuthor.objects.bulk_create(
            WeeknoteAuthor(
                page_id=page.pk,
                user=person,
                name=byline_name(person),
                slug=slugs[person.pk],
                sort_order=order,
            )
            for page, authors in zip(pages, bylines, strict=True)
            for order, person in enumerate(authors)
        )
        WeeknotePageTag.objects.bulk_create(
            WeeknotePageTag(content_object_id=page.pk, tag=tag)
            for page, chosen in zip(pages, tagged, strict=True)
            for tag in chosen
        )
        made += [page.pk for page in pages]
        progress.report("weeknotes", len(made), count)
    Page.objects.filter(pk=index.pk).update(numchild=F("numchild") + len(made))
    index_for_search(made, progress)
    return len(made)


def index_for_search(pks: list[int], progress) -> None:
    """What saving each page would have indexed: its text, tags, bylines, issue, cohort."""
    for start in range(0, len(pks), CHUNK):
        batch = list(
            WeeknotePage.get_indexed_objects()
            .filter(pk__in=pks[start : start + CHUNK])
            .select_related("issue", "cohort")
            .prefetch_related("tags", "authors")
        )
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(WeeknotePage, batch)
        progress.report("weeknotes in the search index", start + len(batch), len(pks))
