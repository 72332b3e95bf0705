import pytest
from wagtail.models import Site

from cms.models import HomePage

pytestmark = pytest.mark.django_db


def test_the_site_root_is_the_home_page_created_by_migration(client):
    site = Site.objects.get(is_default_site=True)

    assert isinstance(site.root_page.specific, HomePage)
    response = client.get("/")
    assert response.status_code == 200
    assert "Cylch" in response.content.decode()


def test_home_page_can_only_sit_at_the_root():
    assert HomePage.parent_page_types == ["wagtailcore.Page"]
    assert HomePage.max_count == 1
