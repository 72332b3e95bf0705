from django import forms
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef, Subquery
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cohorts.models import Cohort, Issue

from .blocks import WeeknoteStreamBlock
from .permissions import WeeknoteIndexPermissionTester
from .serializers import AuthorSummarySerializer, CohortSummarySerializer, IssueSummarySerializer

WEEKNOTES_PER_PAGE = 20
HOME_LATEST_WEEKNOTES = 5


class SitePage(Page):
    """What every page of ours shares."""

    class Meta:
        abstract = True

    def get_sitemap_urls(self, request=None):
        # On the host the reader asked for, not the hostname stored on the Wagtail Site.
        urls = super().get_sitemap_urls(request)
        if request is not None:
            for url in urls:
                url["location"] = request.build_absolute_uri(self.get_url(request))
        return urls


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
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        context["issues"] = Issue.objects.order_by("title")
        context["weeknotes"] = selectors.latest_weeknotes(limit=HOME_LATEST_WEEKNOTES)
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
        from . import selectors

        # The filter form sends every field; drop the empty ones so addresses stay short.
        if any(request.GET.get(name, None) == "" for name in selectors.FILTERS):
            query = request.GET.copy()
            for name in selectors.FILTERS:
                if query.get(name, None) == "":
                    del query[name]
            return redirect(f"{request.path}?{query.urlencode()}" if query else request.path)
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        listing = selectors.weeknote_listing(request.GET)
        paginator_page = selectors.paginate(listing.weeknotes, request.GET.get("page"))
        context.update(
            listing=listing,
            weeknotes=paginator_page.object_list,
            paginator_page=paginator_page,
            choices=selectors.filter_choices(),
        )
        return context


class WeeknotePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "cms.WeeknotePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class WeeknotePage(SitePage):
    """One published weeknote: what people in a cohort learned, told in the open."""

    week_of = models.DateField(
        _("week of"), help_text=_("The Monday of the week this weeknote is about.")
    )
    summary = models.TextField(
        _("summary"),
        max_length=600,
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

    parent_page_types = ["cms.WeeknoteIndexPage"]
    subpage_types: list[str] = []

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

    def _same_first_author(self):
        from . import selectors

        slug = self.first_author_slug
        if not slug:
            return WeeknotePage.objects.none()
        first_author = WeeknoteAuthor.objects.filter(page=OuterRef("pk")).order_by("sort_order")
        return (
            selectors.published_weeknotes()
            .annotate(first_author=Subquery(first_author.values("slug")[:1]))
            .filter(first_author=slug)
            .exclude(pk=self.pk)
        )

    def previous_by_first_author(self):
        """The weeknote before this one by the same first author, or None."""
        return (
            self._same_first_author()
            .filter(
                models.Q(week_of__lt=self.week_of) | models.Q(week_of=self.week_of, pk__lt=self.pk)
            )
            .order_by("-week_of", "-pk")
            .first()
        )

    def next_by_first_author(self):
        """The weeknote after this one by the same first author, or None."""
        return (
            self._same_first_author()
            .filter(
                models.Q(week_of__gt=self.week_of) | models.Q(week_of=self.week_of, pk__gt=self.pk)
            )
            .order_by("week_of", "pk")
            .first()
        )

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
    base = slugify(name)[:80] or "author"
    slug, number = base, 2
    taken = WeeknoteAuthor.objects.filter(slug=slug)
    while (taken.exclude(user=user) if user is not None else taken).exists():
        slug = f"{base}-{number}"
        number += 1
        taken = WeeknoteAuthor.objects.filter(slug=slug)
    return slug


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
