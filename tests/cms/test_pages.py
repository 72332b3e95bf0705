"""The page tree, the weeknote page and its bylines."""

import datetime
from html import unescape

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Page, Site

from cms.models import HomePage, WeeknoteAuthor, WeeknoteIndexPage, WeeknotePage
from tests.cms.builders import make_weeknote
from tests.factories import CohortFactory, IssueFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_weeknote_index_exists_at_weeknotes_on_a_fresh_database(client):
    index = WeeknoteIndexPage.objects.get()

    assert index.live
    assert index.get_parent().specific_class is HomePage
    assert index.url == "/weeknotes/"
    response = client.get("/weeknotes/")
    assert response.status_code == 200
    assert "<h1>Weeknotes</h1>" in response.content.decode()


def test_each_page_type_sits_only_where_it_belongs(index):
    home = Site.objects.get(is_default_site=True).root_page.specific
    root = Page.get_first_root_node()

    assert WeeknoteIndexPage.can_create_at(home) is False  # only one, and it exists
    assert WeeknotePage.can_create_at(index)
    assert not WeeknotePage.can_create_at(home)
    assert not WeeknotePage.can_create_at(root)
    assert WeeknotePage.subpage_types == []
    for model in (HomePage, WeeknoteIndexPage, WeeknotePage):
        assert model.search_fields, model


def test_a_weeknote_page_shows_its_content_bylines_tags_issue_and_cohort(client, author, cohort):
    page = make_weeknote(
        title="Walking the route",
        authors=[author],
        tags=["data sharing"],
        issue=cohort.issue,
        cohort=cohort,
        week_of=datetime.date(2026, 10, 5),
        summary="What a night on the streets taught us.",
        body=[
            ("heading", {"text": "What happened", "level": "h2"}),
            ("quote", {"quote": "We went and looked.", "attribution": "A sergeant"}),
            ("markdown", "We **tried** it. [Guide](https://example.org/guide)"),
            (
                "links",
                {
                    "heading": "Read more",
                    "links": [
                        {"title": "The method", "url": "https://example.org/m", "description": ""}
                    ],
                },
            ),
        ],
    )

    html = client.get(page.url).content.decode()

    assert "<h1>Walking the route</h1>" in html
    assert "Week of 5 October 2026" in html
    assert '<a href="/weeknotes/?author=nia-evans">Nia Evans</a>' in html
    assert '<a class="tag" href="/weeknotes/?tag=data-sharing">data sharing</a>' in html
    assert '<a href="/weeknotes/?issue=drugs-in-wrexham">Drugs in Wrexham</a>' in html
    assert '<a href="/weeknotes/?cohort=wrexham-2026">Wrexham 2026</a>' in html
    assert "<h2>What happened</h2>" in html
    assert "<figcaption>A sergeant</figcaption>" in html
    assert "<strong>tried</strong>" in html
    assert '<a href="https://example.org/guide" rel="nofollow noopener">Guide</a>' in html
    assert '<a href="https://example.org/m" rel="nofollow noopener">The method</a>' in html
    assert "nia.private@example.org" not in html


def test_a_markdown_block_goes_through_the_sanitiser(client, author):
    page = make_weeknote(
        authors=[author],
        body=[("markdown", "<script>alert(1)</script>[x](javascript:alert(1)) <b onclick=x>b</b>")],
    )

    html = client.get(page.url).content.decode()
    body = html[html.index('class="weeknote__body') : html.index('class="weeknote__footer')]

    assert "<script" not in body
    assert "javascript:" not in body
    assert "<b onclick" not in body  # raw HTML is shown as text, never as an element


def test_an_image_block_needs_alternative_text():
    from cms.blocks import ImageBlock

    block = ImageBlock()
    with pytest.raises(ValidationError):
        block.clean({"image": None, "alt_text": "", "caption": ""})
    assert block.child_blocks["alt_text"].required


def test_the_byline_is_the_display_name_never_the_email():
    nameless = UserFactory(display_name="", first_name="", last_name="", email="x@example.org")
    page = make_weeknote(authors=[nameless])

    (byline,) = page.authors.all()
    assert byline.name == "A Cylch participant"
    assert "example" not in byline.slug
    assert byline.slug == "a-cylch-participant"


def test_a_deleted_account_keeps_its_byline_and_its_author_link(client, author):
    page = make_weeknote(authors=[author])

    author.delete()

    (byline,) = WeeknoteAuthor.objects.filter(page=page)
    assert byline.user is None
    assert byline.name == "Nia Evans"
    html = client.get(page.url).content.decode()
    assert "Nia Evans" in html
    listing = client.get("/weeknotes/?author=nia-evans").content.decode()
    assert page.title in listing


def test_one_person_keeps_one_author_slug_and_namesakes_get_their_own(author):
    namesake = UserFactory(display_name="Nia Evans")
    first = make_weeknote(authors=[author])
    author.display_name = "Nia E."
    author.save()
    second = make_weeknote(authors=[author])
    third = make_weeknote(authors=[namesake])

    assert first.authors.get().slug == "nia-evans"
    assert second.authors.get().slug == "nia-evans"  # stable through a change of name
    assert third.authors.get().slug == "nia-evans-2"


def test_previous_and_next_are_by_the_same_first_author(client, author):
    other = UserFactory(display_name="Owen")
    week = datetime.date(2026, 9, 7)
    older = make_weeknote(title="Older one", authors=[author], week_of=week)
    make_weeknote(
        title="Someone else's", authors=[other, author], week_of=week + datetime.timedelta(7)
    )
    middle = make_weeknote(
        title="Middle one", authors=[author], week_of=week + datetime.timedelta(14)
    )
    make_weeknote(
        title="A draft", authors=[author], week_of=week + datetime.timedelta(21), publish=False
    )
    newer = make_weeknote(
        title="Newer one", authors=[author, other], week_of=week + datetime.timedelta(28)
    )

    assert middle.previous_by_first_author() == older
    assert middle.next_by_first_author() == newer
    assert older.previous_by_first_author() is None
    assert newer.next_by_first_author() is None
    html = client.get(middle.url).content.decode()
    assert "Previous: Older one" in html
    assert "Next: Newer one" in html


def test_a_cohort_fills_in_its_issue_and_a_mismatch_is_refused(index, cohort):
    page = WeeknotePage(
        title="t", slug="t", week_of=datetime.date(2026, 1, 5), summary="s", cohort=cohort
    )
    page.clean()
    assert page.issue_id == cohort.issue_id

    page.issue = IssueFactory()
    with pytest.raises(ValidationError):
        page.clean()

    CohortFactory()  # another cohort does not matter


@pytest.fixture
def image(settings, tmp_path):
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    settings.MEDIA_ROOT = tmp_path
    return get_image_model().objects.create(title="Harbour", file=get_test_image_file())


def test_an_image_shows_with_its_alternative_text_and_is_absolute_in_feeds(client, author, image):
    import feedparser

    page = make_weeknote(
        authors=[author],
        body=[("image", {"image": image, "alt_text": "Boats in the harbour", "caption": "Rhyl"})],
    )

    html = client.get(page.url).content.decode()
    content = feedparser.parse(client.get("/weeknotes/feed/atom/").content).entries[0].content[0]

    assert 'alt="Boats in the harbour"' in html
    assert '<img src="/media/images/' in html
    assert "<figcaption>Rhyl</figcaption>" in html
    assert 'src="http://testserver/media/images/' in content.value


def test_an_image_in_object_storage_keeps_its_own_address_in_feeds(
    client, author, image, monkeypatch
):
    """With a bucket (production's S3 storage), a file's URL is already absolute."""
    from django.core.files.storage import FileSystemStorage

    monkeypatch.setattr(
        FileSystemStorage, "url", lambda self, name: f"https://bucket.example.org/{name}"
    )
    make_weeknote(authors=[author], body=[("image", {"image": image, "alt_text": "Boats"})])

    atom = client.get("/weeknotes/feed/atom/").content.decode()  # the content is escaped XML

    assert 'src="https://bucket.example.org/images/' in unescape(atom)
    assert "testserverhttps" not in atom


def test_the_api_gives_markdown_blocks_as_clean_html_too(client, author):
    page = make_weeknote(authors=[author], body=[("markdown", "**Hi** <script>x</script>")])

    (block,) = client.get(f"/api/v2/pages/{page.pk}/").json()["body"]

    assert block["type"] == "markdown"
    assert block["value"]["html"] == "<p><strong>Hi</strong> &lt;script&gt;x&lt;/script&gt;</p>"
