"""Reading the sitemap as a search engine does: the index, then every sitemap it lists."""

import xml.etree.ElementTree as ET  # noqa: S405 - parses only our own sitemap
from urllib.parse import urlsplit

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def locations(xml: bytes) -> list[str]:
    return [loc.text for loc in ET.fromstring(xml).iter(f"{{{SITEMAP_NS}}}loc")]  # noqa: S314


def on_this_site(address: str) -> str:
    """The path and query of an address, to ask the test client for."""
    parts = urlsplit(address)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def sitemap_responses(client, **headers) -> list:
    """The responses of /sitemap.xml and of each sitemap it lists, in order."""
    index = client.get("/sitemap.xml", **headers)
    assert index.status_code == 200
    responses = [index]
    for address in locations(index.content):
        parts = urlsplit(address)
        response = client.get(
            parts.path, dict(p.split("=") for p in parts.query.split("&") if p), **headers
        )
        assert response.status_code == 200
        responses.append(response)
    return responses


def read_sitemap(client, **headers) -> str:
    """The index and every sitemap it lists, as one text."""
    return "\n".join(r.content.decode() for r in sitemap_responses(client, **headers))
