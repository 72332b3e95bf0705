"""Wagtail's Site record follows SITE_URL, so the API's absolute links name the real site."""

import pytest
from django.core.management.sql import emit_post_migrate_signal
from wagtail.models import Site

from cms.site_record import site_address

pytestmark = pytest.mark.django_db


def migrated():
    """What `manage.py migrate` does last, whatever was migrated."""
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")


def test_after_migrating_the_api_links_to_site_url(client, settings):
    settings.SITE_URL = "https://cylch.example.org"
    migrated()

    item = client.get("/api/v2/pages/").json()["items"][0]
    site = Site.objects.get(is_default_site=True)

    assert (site.hostname, site.port) == ("cylch.example.org", 443)
    assert item["meta"]["detail_url"].startswith("https://cylch.example.org/api/v2/pages/")
    assert item["meta"]["html_url"] == "https://cylch.example.org/"
    assert "localhost" not in client.get("/api/v2/pages/").content.decode()


def test_a_port_in_site_url_is_kept(settings):
    settings.SITE_URL = "http://127.0.0.1:8313"
    migrated()

    assert Site.objects.get(is_default_site=True).root_url == "http://127.0.0.1:8313"


def test_another_site_record_for_the_address_is_left_alone(settings):
    default = Site.objects.get(is_default_site=True)
    Site.objects.create(hostname="cylch.example.org", port=443, root_page=default.root_page)
    settings.SITE_URL = "https://cylch.example.org"

    migrated()

    default.refresh_from_db()
    assert (default.hostname, default.port) != ("cylch.example.org", 443)


@pytest.mark.parametrize(
    ("site_url", "address"),
    [
        ("https://cylch.example.org", ("cylch.example.org", 443)),
        ("http://cylch.example.org", ("cylch.example.org", 80)),
        ("http://127.0.0.1:8000", ("127.0.0.1", 8000)),
    ],
)
def test_site_address(site_url, address):
    assert site_address(site_url) == address
