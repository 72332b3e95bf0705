import itertools
from urllib.parse import quote

from django import forms
from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Exists, Max, OuterRef, Prefetch, Q
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from cohorts.models import Cohort, Issue
from kernel.characters import validate_one_line, validate_text
from kernel.page_cache import remembered

from .blocks import WeeknoteStreamBlock
from .forms import WeeknotePageForm
from .permissions import WeeknoteIndexPermissionTester, WeeknotePermissionTester
from .serializers import AuthorSummarySerializer, CohortSummarySerializer, IssueSummarySerializer
from .weeknote_filters import FilterChoices, WeeknoteFilter, filters_querystring, read_filters

WEEKNOTES_PER_PAGE = 20
HOME_LATEST_WEEKNOTES = 5
# The author filter offers the authors of this many of the newest weeknotes.
AUTHOR_CHOICES_FROM = 100


def absolute_url(path: str) -> str:
    """An address for readers outside the site (feeds, the sitemap, open data, the API):
    on ``SITE_URL``, the site's one public address, whatever host a request came in on."""
    return settings.SITE_URL + path


class ServedPaths:
    """The paths Wagtail serves pages at, made from their ``url_path`` alone, for pages
    under the site's ``root`` (as ``get_url_parts`` gives them, without loading each page
    or its site, or resolving a URL pattern for each): for lists of every page, the
    sitemap and open data."""

    def __init__(self, root: Page):
        self.root_length = len(root.url_path)
        self.prefix = reverse("wagtail_serve", args=("",))

    def __call__(self, url_path: str) -> str:
        # Quoted as reverse() quotes a path.
        return self.prefix + quote(url_path[self.root_length :], safe=RFC3986_SUBDELIMS + "/~:@")


class SitePage(Page):
    """What every page of ours shares."""

    class Meta:
        abstract = True

    def public_url(self, request=None) -> str:
        """The page's address on ``SITE_URL`` (``absolute_url``)."""
        return absolute_url(self.get_url_parts(request)[2])


class HomePage(SitePage):
    """The site root: what the programme is and where to start."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("One or two sentences under the title saying what Cylch is for."),
    )
    body = RichTextField(
        _("body"),
        blank=True,
        help_text=_("More about the programme: how cohorts form and how learning is shared."),
    )

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["cms.WeeknoteIndexPage"]
    max_count = 1

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    api_fields = [APIField("intro"), APIField("body")]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["issues"] = Issue.objects.order_by("title")
        context["weeknotes"] = list(
            WeeknotePage.objects.published().for_listing()[:HOME_LATEST_WEEKNOTES]
        )
        return context


class WeeknoteIndexPage(SitePage):
    """The list of published weeknotes at /weeknotes/, with filters and feeds."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("A sentence or two above the list saying what weeknotes are."),
    )

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.WeeknotePage"]
    max_count = 1

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro")]

    class Meta:
        verbose_name = _("weeknote index")

    def permissions_for_user(self, user):
        return WeeknoteIndexPermissionTester(user, self)

    def serve(self, request, *args, **kwargs):
        # The filter form sends every field; drop the empty ones so addresses stay short.
        if any(request.GET.get(name, None) == "" for name in WeeknoteFilter.values):
            query = request.GET.copy()
            for name in WeeknoteFilter.values:
                if query.get(name, None) == "":
                    del query[name]
            return redirect(f"{request.path}?{query.urlencode()}" if query else request.path)
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        filters = read_filters(request.GET)
        # One published set for the list and the choices: public() reads the restrictions once.
        published = WeeknotePage.objects.published()
        weeknotes = published.for_listing().matching(filters)
        querystring = filters_querystring(filters)
        paginator = CountRemembered(weeknotes, WEEKNOTES_PER_PAGE, name=f"weeknotes?{querystring}")
        paginator_page = paginator.get_page(request.GET.get("page"))
        author = filters.get(WeeknoteFilter.AUTHOR)
        context.update(
            filters=filters,
            filters_querystring=querystring,
            weeknotes=paginator_page.object_list,
            paginator_page=paginator_page,
            # The same for every visitor, and costly to count at 10,000 weeknotes.
            choices=remembered(
                f"weeknote-choices?author={author or ''}",
                lambda: published.filter_choices(author=author),
            ),
        )
        return context


class CountRemembered(Paginator):
    """A paginator of public pages whose count is kept until anything public changes
    (``kernel.page_cache.remembered``): counting every published weeknote at each
    request was most of the weeknote index's database time at 10,000 of them."""

    def __init__(self, object_list, per_page, *, name: str):
        super().__init__(object_list, per_page)
        self.name = name

    @cached_property
    def count(self) -> int:
        return remembered(f"count:{self.name}", lambda: Paginator.count.func(self))


class WeeknotePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "cms.WeeknotePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class WeeknotePageQuerySet(PageQuerySet):
    """Reads of weeknotes. Whatever the public sees starts from ``published()``."""

    def published(self):
        """What the public may read, newest first: live, with no view restriction on the
        page or above it, so drafts, unpublished and private weeknotes appear nowhere."""
        return self.live().public().order_by("-week_of", "-first_published_at", "-pk")

    def with_relations(self):
        """Fetch what a list or feed shows besides the page in a fixed number of queries."""
        return self.select_related("issue", "cohort").prefetch_related(
            Prefetch("authors", queryset=WeeknoteAuthor.objects.order_by("sort_order")),
            "tags",
        )

    def for_listing(self):
        """As ``with_relations()``, with the bodies left in the database."""
        return self.with_relations().defer_streamfields()

    def matching(self, filters: dict[str, str]):
        """The weeknotes that have every slug in ``filters`` (see ``WeeknoteFilter``)."""
        queryset = self
        if WeeknoteFilter.TAG in filters:
            tagged = WeeknotePageTag.objects.filter(tag__slug=filters[WeeknoteFilter.TAG])
            queryset = queryset.filter(pk__in=tagged.values("content_object_id"))
        if WeeknoteFilter.ISSUE in filters:
            queryset = queryset.filter(issue__slug=filters[WeeknoteFilter.ISSUE])
        if WeeknoteFilter.COHORT in filters:
            queryset = queryset.filter(cohort__slug=filters[WeeknoteFilter.COHORT])
        if WeeknoteFilter.AUTHOR in filters:
            bylines = WeeknoteAuthor.objects.filter(slug=filters[WeeknoteFilter.AUTHOR])
            queryset = queryset.filter(pk__in=bylines.values("page_id"))
        return queryset

    def by_first_author(self, slug: str):
        """The weeknotes whose first byline has this author slug.

        Starts from the author's own bylines (the slug's index), not from every weeknote,
        so it costs what one person has written, however many weeknotes there are.
        """
        earlier_byline = WeeknoteAuthor.objects.filter(
            page=OuterRef("page"), sort_order__lt=OuterRef("sort_order")
        )
        first_bylines = WeeknoteAuthor.objects.filter(slug=slug).exclude(Exists(earlier_byline))
        return self.filter(pk__in=first_bylines.values("page"))

    def before(self, weeknote: "WeeknotePage"):
        """The weeknotes of an earlier week than ``weeknote`` (of its week, an earlier id),
        the nearest first."""
        return self.filter(
            Q(week_of__lt=weeknote.week_of) | Q(week_of=weeknote.week_of, pk__lt=weeknote.pk)
        ).order_by("-week_of", "-pk")

    def after(self, weeknote: "WeeknotePage"):
        """The weeknotes of a later week than ``weeknote`` (of its week, a later id),
        the nearest first."""
        return self.filter(
            Q(week_of__gt=weeknote.week_of) | Q(week_of=weeknote.week_of, pk__gt=weeknote.pk)
        ).order_by("week_of", "pk")

    def filter_choices(self, author: str | None = None) -> FilterChoices:
        """What the filters can be set to: only values some weeknote here has.

        Tags, issues and cohorts are few: each is kept if some weeknote here has it
        (EXISTS, through the weeknotes' keys). Authors are many (some 2,700 at
        programme scale), so only the authors of the newest ``AUTHOR_CHOICES_FROM``
        weeknotes are offered, and ``author`` if it is chosen; any author's weeknotes
        are one step away through the byline on each weeknote.
        """
        pages = self.order_by()
        tags = Tag.objects.filter(Exists(pages.filter(tagged_items__tag=OuterRef("pk")))).order_by(
            "name"
        )
        issues = Issue.objects.filter(Exists(pages.filter(issue=OuterRef("pk")))).order_by("title")
        cohorts = Cohort.objects.filter(Exists(pages.filter(cohort=OuterRef("pk")))).order_by(
            "name"
        )
        recent = self.values("pk")[:AUTHOR_CHOICES_FROM]
        offered = Q(page__in=recent)
        if author:
            offered |= Q(slug=author, page__in=pages.values("pk"))
        authors = (
            WeeknoteAuthor.objects.filter(offered)
            .exclude(slug="")
            .values("slug")
            .annotate(shown=Max("name"))
            .order_by("shown")
            .values_list("slug", "shown")
        )
        return FilterChoices(
            tags=list(tags.values_list("slug", "name")),
            issues=list(issues.values_list("slug", "title")),
            cohorts=list(cohorts.values_list("slug", "name")),
            authors=list(authors),
        )


class WeeknotePage(SitePage):
    """One published weeknote: what people in a cohort learned, told in the open."""

    week_of = models.DateField(
        _("week of"), help_text=_("The Monday of the week this weeknote is about.")
    )
    summary = models.TextField(
        _("summary"),
        max_length=600,
        validators=[validate_text],
        help_text=_("One or two sentences: shown in lists, feeds and search results."),
    )
    body = StreamField(
        WeeknoteStreamBlock(),
        verbose_name=_("body"),
        help_text=_("The weeknote itself: paragraphs, headings, quotes, images, links, Markdown."),
    )
    tags = ClusterTaggableManager(
        through=WeeknotePageTag,
        blank=True,
        verbose_name=_("tags"),
        help_text=_("A few words readers can follow, e.g. 'data sharing'."),
    )
    issue = models.ForeignKey(
        Issue,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="weeknotes",
        verbose_name=_("shared issue"),
        help_text=_("The shared issue this weeknote is about, if any."),
    )
    cohort = models.ForeignKey(
        Cohort,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="weeknotes",
        verbose_name=_("cohort"),
        help_text=_("The cohort it comes from, if any. Its issue is filled in for you."),
    )

    objects = PageManager.from_queryset(WeeknotePageQuerySet)()

    parent_page_types = ["cms.WeeknoteIndexPage"]
    subpage_types: list[str] = []
    base_form_class = WeeknotePageForm

    content_panels = [
        *Page.content_panels,
        FieldPanel("week_of"),
        InlinePanel("authors", label=_("Authors"), min_num=1),
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            # Plain selects: issues and cohorts are few, and as registered snippets
            # they would otherwise get a modal chooser.
            [
                FieldPanel("tags"),
                FieldPanel("issue", widget=forms.Select),
                FieldPanel("cohort", widget=forms.Select),
            ],
            heading=_("Where it belongs"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("week_of"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.RelatedFields("authors", [index.SearchField("name")]),
        # Found by where it is filed: cms/search.py re-indexes it when these are renamed.
        index.RelatedFields("issue", [index.SearchField("title")]),
        index.RelatedFields("cohort", [index.SearchField("name"), index.SearchField("place")]),
    ]
    api_fields = [
        APIField("week_of"),
        APIField("summary"),
        APIField("body"),
        APIField("tags"),
        APIField("authors", serializer=AuthorSummarySerializer(many=True, read_only=True)),
        APIField("issue", serializer=IssueSummarySerializer(read_only=True)),
        APIField("cohort", serializer=CohortSummarySerializer(read_only=True)),
    ]

    class Meta:
        verbose_name = _("weeknote")
        verbose_name_plural = _("weeknotes")
        # The newest weeks first (published()), read in order rather than all sorted:
        # the home page's latest five and the index's first page stop after a few rows.
        indexes = [models.Index(fields=["week_of", "page_ptr"], name="cms_weeknote_week_of_idx")]

    def clean(self):
        super().clean()
        if self.cohort_id:
            cohort_issue_id = Cohort.objects.values_list("issue_id", flat=True).get(
                pk=self.cohort_id
            )
            if self.issue_id is None:
                self.issue_id = cohort_issue_id
            elif self.issue_id != cohort_issue_id:
                raise ValidationError(
                    {"cohort": _("This cohort works on another issue: pick its issue or none.")}
                )

    @cached_property
    def bylines(self) -> list["WeeknoteAuthor"]:
        """The authors in order, fetched once per page object."""
        return list(self.authors.all())

    @property
    def first_author_slug(self) -> str | None:
        authors = self.bylines
        return authors[0].slug if authors else None

    def _published_by_first_author(self) -> WeeknotePageQuerySet:
        slug = self.first_author_slug
        if not slug:
            return WeeknotePage.objects.none()
        return WeeknotePage.objects.published().by_first_author(slug)

    def previous_by_first_author(self):
        """The published weeknote before this one by the same first author, or None."""
        return self._published_by_first_author().before(self).first()

    def next_by_first_author(self):
        """The published weeknote after this one by the same first author, or None."""
        return self._published_by_first_author().after(self).first()

    def permissions_for_user(self, user):
        return WeeknotePermissionTester(user, self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["previous_weeknote"] = self.previous_by_first_author()
        context["next_weeknote"] = self.next_by_first_author()
        return context


def byline_name(user) -> str:
    """The name a byline shows: never the email address, which public_name may fall back to."""
    return (
        user.display_name
        or AbstractUser.get_full_name(user).strip()
        or gettext("A Cylch participant")
    )


def author_slug_for(user, name: str) -> str:
    """One public slug per person, kept for good: never made from the email address.

    The slug a person already has on any weeknote is reused; otherwise one is made
    from their byline name, numbered if another person (or a deleted account) has it.
    """
    if user is not None:
        existing = (
            WeeknoteAuthor.objects.filter(user=user)
            .exclude(slug="")
            .values_list("slug", flat=True)
            .first()
        )
        if existing:
            return existing
    return free_author_slugs(name, 1, user)[0]


def free_author_slugs(name: str, how_many: int, user=None) -> list[str]:
    """The first slugs made from a byline name that no other person's byline has: the
    name's own, then numbered from 2. Asked in one query, however many are wanted."""
    base = slugify(name)[:80] or "author"
    taken = WeeknoteAuthor.objects.filter(slug__startswith=base)
    if user is not None:
        taken = taken.exclude(user=user)
    taken = set(taken.values_list("slug", flat=True))
    candidates = (base if number == 1 else f"{base}-{number}" for number in itertools.count(1))
    return list(itertools.islice((slug for slug in candidates if slug not in taken), how_many))


class WeeknoteAuthor(Orderable):
    """A byline. The name is kept as text, so a deleted account still has its byline."""

    page = ParentalKey(WeeknotePage, on_delete=models.CASCADE, related_name="authors")
    user = models.ForeignKey(
        "accounts.User",
        null=True,
        on_delete=models.SET_NULL,
        related_name="weeknote_bylines",
        verbose_name=_("person"),
    )
    name = models.CharField(
        _("name shown"),
        max_length=200,
        blank=True,
        validators=[validate_one_line],
        help_text=_("Left empty, the person's display name is used. Never their email address."),
    )
    slug = models.SlugField(
        _("public author slug"),
        max_length=100,
        blank=True,
        editable=False,
        db_index=True,
        help_text=_("Used in ?author= links; set once per person, never from the email address."),
    )

    panels = [FieldPanel("user"), FieldPanel("name")]

    class Meta(Orderable.Meta):
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self):
        return self.name

    def fill_in(self):
        if self.user_id is not None:
            if not self.name:
                self.name = byline_name(self.user)
            if not self.slug:
                self.slug = author_slug_for(self.user, self.name)
        elif not self.slug and self.name:
            self.slug = author_slug_for(None, self.name)

    def save(self, *args, **kwargs):
        self.fill_in()
        super().save(*args, **kwargs)


# --- The open data licence, set per site in Settings → Open data ---

OGL_NAME = "Open Government Licence v3.0"
OGL_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"


@register_setting(icon="doc-full")
class OpenDataSettings(BaseSiteSetting):
    licence_name = models.CharField(
        _("licence"),
        max_length=200,
        default=OGL_NAME,
        help_text=_("The licence everything on /open-data/ and the API is published under."),
    )
    licence_url = models.URLField(
        _("licence address"), default=OGL_URL, help_text=_("Where the licence can be read.")
    )
    publisher = models.CharField(
        _("publisher"),
        max_length=200,
        default="Cylch",
        help_text=_("Who publishes the data, as the licence's attribution names them."),
    )

    class Meta:
        verbose_name = _("open data")


# Drafts and their review live in their own module; Django finds models through this one.
from .drafts.models import DraftComment, WeeknoteDraft, WeeknoteReviewTask  # noqa: E402, F401
