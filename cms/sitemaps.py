"""The sitemap: ``/sitemap.xml`` is an index of smaller sitemaps, each of at most
``PageSitemap.limit`` addresses, so no response grows with the number of pages.

Every address is on ``SITE_URL`` (``cms.models.absolute_url``), whatever host the
request came in on.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap as django_sitemap
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail.models import Site

from .models import ServedPaths, absolute_url

SECTION_URL_NAME = "cms:sitemap_section"


class OnSiteUrl:
    """Addresses on SITE_URL rather than the request's host."""

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc


class PageSitemap(OnSiteUrl, Sitemap):
    """Every live, public page of the site, read as three columns a row.

    Wagtail's own sitemap loads each page as its specific model and asks it for its
    address, about half a millisecond a page; here the address is made from the
    page's ``url_path`` as Wagtail's routing serves it (no page type of ours routes
    itself elsewhere), so a sitemap page of 500 addresses is one query.
    """

    limit = 500

    def __init__(self):
        site = Site.objects.select_related("root_page").get(is_default_site=True)
        self.root = site.root_page
        self.served_path = ServedPaths(site.root_page)

    def items(self):
        return (
            self.root.get_descendants(inclusive=True)
            .live()
            .public()
            .order_by("path")
            .values_list("url_path", "last_published_at", "latest_revision_created_at")
        )

    def location(self, item):
        return self.served_path(item[0])

    def lastmod(self, item):
        # As Wagtail's: the last publication, else the latest revision.
        return item[1] or item[2]


class OpenDataSitemap(OnSiteUrl, Sitemap):
    """Public pages that are Django views rather than Wagtail pages."""

    def items(self):
        return ["cms:open_data"]

    def location(self, item):
        return reverse(item)


SITEMAPS = {"pages": PageSitemap, "open-data": OpenDataSitemap}


def sitemaps() -> dict[str, Sitemap]:
    return {name: sitemap_class() for name, sitemap_class in SITEMAPS.items()}


def sitemap_index(request):
    """Where each sitemap and each of its pages is: one count per sitemap."""
    locations = []
    for name, sitemap in sitemaps().items():
        address = absolute_url(reverse(SECTION_URL_NAME, kwargs={"section": name}))
        locations += [
            {"location": address if number == 1 else f"{address}?p={number}"}
            for number in sitemap.paginator.page_range
        ]
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": locations}, content_type="application/xml"
    )


def sitemap_section(request, section):
    """One page (``?p=``) of one sitemap. Its template has only what ours carry (an address
    and a date): Django's, with room for frequencies, priorities and other languages,
    took most of the time of a page of a thousand."""
    return django_sitemap(request, sitemaps(), section=section, template_name="cms/sitemap.xml")
