"""Wagtail's Site record names the host SITE_URL names.

Wagtail builds absolute links from the default Site's hostname and port: the
API's ``detail_url`` and ``html_url``, ``page.full_url``. The data migration
that made the home page could only guess them ("localhost", 80), so after every
``migrate`` the record is set from the setting (connected in ``CmsConfig``).
"""

from urllib.parse import urlsplit

from django.conf import settings

DEFAULT_PORTS = {"http": 80, "https": 443}


def site_address(site_url: str) -> tuple[str, int]:
    """The hostname and port of an address such as https://cylch.example.org."""
    parts = urlsplit(site_url)
    return parts.hostname, parts.port or DEFAULT_PORTS[parts.scheme]


def site_record_follow_site_url(*, using="default", **kwargs) -> None:
    from wagtail.models import Site

    hostname, port = site_address(settings.SITE_URL)
    sites = Site.objects.using(using)
    site = sites.filter(is_default_site=True).first()
    if site is None or (site.hostname, site.port) == (hostname, port):
        return
    # An operator's own record for that address wins: two may not share it.
    if not sites.filter(hostname=hostname, port=port).exists():
        site.hostname, site.port = hostname, port
        site.save(update_fields=["hostname", "port"])  # save(), so Wagtail's caches are cleared
