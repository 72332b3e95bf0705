"""The demo gives the Wrexham cohort's relationship map a web to show."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.demo import demo_person

pytestmark = pytest.mark.django_db


def test_the_demo_map_links_the_cohort_organisations_and_calls_out_new_ones(client):
    call_command("seed_demo", stdout=io.StringIO())
    client.force_login(demo_person("coach@example.com"))

    url = reverse("contributions:relationship_map", args=["wrexham-2026"])
    html = client.get(url, {"month": "2026-11"})
    html = html.content.decode()

    assert html.count("<tr>") >= 8  # a header row and at least seven links
    assert "Clwyd Alyn Housing and Kaleidoscope Project worked together" in html
    assert "New links in November 2026" in html


def test_running_the_demo_again_adds_no_actions():
    call_command("seed_demo", stdout=io.StringIO())
    output = io.StringIO()

    call_command("seed_demo", stdout=output)

    assert "Demo actions between organisations: 0 inquiries created, 2 already there." in (
        output.getvalue()
    )
