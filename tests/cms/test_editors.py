"""The Wagtail group Editors: create, edit and publish weeknotes, and nothing else."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Site
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from accounts.groups import EDITORS
from cms.models import WeeknotePage
from tests.cms.builders import make_weeknote
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(db):
    user = UserFactory(display_name="Evan Editor")
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


@pytest.fixture
def home():
    return Site.objects.get(is_default_site=True).root_page.specific


def weeknote_form(author, **overrides):
    return nested_form_data(
        {
            "title": "Written in the admin",
            "slug": "written-in-the-admin",
            "week_of": "2026-10-05",
            "summary": "What we learned this week.",
            "body": streamfield([("paragraph", rich_text("<p>A paragraph.</p>"))]),
            "authors": inline_formset([{"user": author.pk, "name": ""}], min=1),
            "tags": "trust, data sharing",
            "issue": "",
            "cohort": "",
            **overrides,
        }
    )


def test_an_editor_can_create_and_publish_a_weeknote_in_the_admin(client, editor, index, author):
    client.force_login(editor)
    url = f"/admin/pages/add/cms/weeknotepage/{index.pk}/"

    assert client.get(url).status_code == 200
    response = client.post(url, {**weeknote_form(author), "action-publish": "action-publish"})

    assert response.status_code == 302
    page = WeeknotePage.objects.get(slug="written-in-the-admin")
    assert page.live
    assert page.authors.get().name == "Nia Evans"
    assert sorted(page.tags.names()) == ["data sharing", "trust"]
    assert client.get("/weeknotes/written-in-the-admin/").status_code == 200


def test_an_editor_can_edit_and_publish_a_weeknote_someone_else_wrote(client, editor, author):
    page = make_weeknote(title="Before", authors=[author])
    client.force_login(editor)

    response = client.post(
        f"/admin/pages/{page.pk}/edit/",
        {
            **weeknote_form(author, title="After", slug=page.slug),
            "action-publish": "action-publish",
        },
    )

    assert response.status_code == 302
    page.refresh_from_db()
    assert page.title == "After"


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("title", "Written\x0bin the admin", "This must be one line"),
        ("title", "Written\nin the admin", "This must be one line"),
        ("summary", "What we\x1b learned.", "invisible control character"),
        ("tags", "trust, da\x07ta", "This must be one line"),
    ],
)
def test_the_admin_refuses_control_characters_in_a_weeknote(
    client, editor, index, author, field, typed, message
):
    client.force_login(editor)

    response = client.post(
        f"/admin/pages/add/cms/weeknotepage/{index.pk}/",
        {**weeknote_form(author, **{field: typed}), "action-publish": "action-publish"},
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not WeeknotePage.objects.filter(slug="written-in-the-admin").exists()


def test_the_admin_refuses_control_characters_in_a_byline_name(client, editor, index, author):
    client.force_login(editor)
    form = weeknote_form(author)
    form["authors-0-name"] = "Nia\x08 Evans"

    response = client.post(
        f"/admin/pages/add/cms/weeknotepage/{index.pk}/",
        {**form, "action-publish": "action-publish"},
    )

    assert response.status_code == 200
    assert "This must be one line" in response.content.decode()
    assert not WeeknotePage.objects.exists()


def test_an_editor_cannot_touch_the_home_page_or_the_index(client, editor, home, index):
    client.force_login(editor)

    assert home.permissions_for_user(editor).can_edit() is False
    assert home.permissions_for_user(editor).can_add_subpage() is False
    assert index.permissions_for_user(editor).can_edit() is False
    assert index.permissions_for_user(editor).can_delete() is False
    assert index.permissions_for_user(editor).can_unpublish() is False
    assert index.permissions_for_user(editor).can_move() is False
    assert index.permissions_for_user(editor).can_publish_subpage()
    for action in ("edit", "unpublish", "delete", "move"):
        assert client.get(f"/admin/pages/{index.pk}/{action}/").status_code in (302, 403), action
    assert client.get(f"/admin/pages/{home.pk}/edit/").status_code in (302, 403)
    assert client.post(f"/admin/pages/{index.pk}/unpublish/").status_code in (302, 403)
    index.refresh_from_db()
    assert index.live


@pytest.mark.parametrize(
    "path",
    [
        "/admin/users/",
        "/admin/groups/",
        "/admin/sites/",
        "/admin/documents/",
        "/admin/snippets/",
        "/admin/redirects/",
        "/admin/workflows/list/",
        "/admin/settings/cms/opendatasettings/",
    ],
)
def test_an_editor_is_turned_away_from_everything_else(client, editor, path):
    client.force_login(editor)

    response = client.get(path, follow=False)

    assert response.status_code in (302, 403, 404), path
    if response.status_code == 302:
        assert "/admin/" in response.url and response.url.rstrip("/") != path.rstrip("/")


def test_an_editor_can_reach_the_admin_and_add_images_for_the_image_block(client, editor):
    client.force_login(editor)

    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/images/").status_code == 200
    assert client.get("/admin/images/add/").status_code == 200


def test_someone_outside_the_group_cannot_reach_the_admin(client, author, index):
    client.force_login(author)

    response = client.get(f"/admin/pages/add/cms/weeknotepage/{index.pk}/")

    assert response.status_code == 302
    assert "/accounts/login/" in response.url or response.url.startswith("/admin/login")
