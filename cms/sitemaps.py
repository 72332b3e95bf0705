from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.urls import reverse
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap


class OpenDataSitemap(DjangoSitemap):
    """Public pages that are Django views rather than Wagtail pages."""

    def items(self):
        return ["cms:open_data"]

    def location(self, item):
        return reverse(item)

    # On SITE_URL, as every other address the sitemap gives (cms.models.absolute_url).
    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc


SITEMAPS = {"pages": WagtailSitemap, "open-data": OpenDataSitemap()}
