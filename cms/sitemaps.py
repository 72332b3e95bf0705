from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.urls import reverse
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap


class OpenDataSitemap(DjangoSitemap):
    """Public pages that are Django views rather than Wagtail pages."""

    def items(self):
        return ["cms:open_data"]

    def location(self, item):
        return reverse(item)


SITEMAPS = {"pages": WagtailSitemap, "open-data": OpenDataSitemap()}
