"""The pages ``make bench`` loads, found in the data at scale: issue 13's list."""

from dataclasses import dataclass

from django.db.models import Count
from django.templatetags.static import static

from bench.scale import landmarks
from cms.models import WeeknotePage, WeeknotePageTag

COMMON_WORD = "trust"  # in most weeknotes' text (bench/scale/text.py)
DEEP_PAGE = 40


@dataclass(frozen=True)
class Page:
    label: str
    path: str
    signed_in_as: str = ""  # "", "owner" (of the longest inquiry) or "facilitator" (largest cohort)
    public: bool = False  # anonymous and the same for everyone: may be served from a cache


def pages() -> list[Page]:
    data = landmarks()
    weeknote = WeeknotePage.objects.live().order_by("-first_published_at", "pk").first()
    tag = (
        WeeknotePageTag.objects.values("tag__slug")
        .annotate(uses=Count("id"))
        .order_by("-uses", "tag__slug")
        .first()["tag__slug"]
    )
    return [
        Page("static file (ceiling)", static("css/cylch.css")),
        Page("home", "/", public=True),
        Page("weeknotes, page 1", "/weeknotes/", public=True),
        Page(f"weeknotes, page {DEEP_PAGE}", f"/weeknotes/?page={DEEP_PAGE}", public=True),
        Page("weeknotes by tag", f"/weeknotes/?tag={tag}", public=True),
        Page("a weeknote", weeknote.url, public=True),
        Page("RSS feed", "/weeknotes/feed/rss/", public=True),
        Page("Atom feed", "/weeknotes/feed/atom/", public=True),
        Page("search, a common word", f"/search/?q={COMMON_WORD}", public=True),
        Page("an issue page", f"/issues/{data.issue_slug}/", public=True),
        Page("sitemap index", "/sitemap.xml", public=True),
        Page("sitemap, its first page", "/sitemap-pages.xml", public=True),
        Page("API, weeknotes", "/api/v2/pages/?type=cms.WeeknotePage&limit=20", public=True),
        Page("open data, weeknotes CSV", "/open-data/weeknotes.csv", public=True),
        Page("my inquiries", "/inquiries/", "owner"),
        Page("inquiry, 40 cycles", f"/inquiries/{data.long_inquiry_pk}/", "owner"),
        Page("cohort page", f"/cohorts/{data.cohort_slug}/", "facilitator"),
        Page("start page /me/", "/me/", "owner"),
    ]
