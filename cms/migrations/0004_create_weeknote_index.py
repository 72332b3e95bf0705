from django.db import migrations
from django.utils import timezone

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # treebeard's, as Wagtail uses it
STEPLEN = 4
INTRO = (
    "Weeknotes are short, honest notes from people in Cylch cohorts: what they tried "
    "this week, what happened and what they learned."
)


def next_child_path(Page, parent):
    last = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1).order_by("-path").first()
    if last is None:
        return parent.path + "0" * (STEPLEN - 1) + "1"
    number = int(last.path[-STEPLEN:], 36) + 1
    step = ""
    while number:
        number, digit = divmod(number, 36)
        step = ALPHABET[digit] + step
    return parent.path + step.rjust(STEPLEN, "0")


def create_index(apps, schema_editor):
    """Put the weeknote index at /weeknotes/, under the home page, on every fresh database."""
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    HomePage = apps.get_model("cms.HomePage")
    WeeknoteIndexPage = apps.get_model("cms.WeeknoteIndexPage")

    home = HomePage.objects.order_by("path").first()
    if home is None or WeeknoteIndexPage.objects.exists():
        return
    if Page.objects.filter(path__startswith=home.path, depth=home.depth + 1, slug="weeknotes").exists():
        return
    content_type, _ = ContentType.objects.get_or_create(app_label="cms", model="weeknoteindexpage")
    now = timezone.now()
    WeeknoteIndexPage.objects.create(
        title="Weeknotes",
        draft_title="Weeknotes",
        slug="weeknotes",
        intro=INTRO,
        content_type=content_type,
        locale_id=home.locale_id,
        path=next_child_path(Page, home),
        depth=home.depth + 1,
        numchild=0,
        url_path=f"{home.url_path}weeknotes/",
        live=True,
        has_unpublished_changes=False,
        first_published_at=now,
        last_published_at=now,
        show_in_menus=True,
    )
    Page.objects.filter(pk=home.pk).update(numchild=home.numchild + 1)


def remove_index(apps, schema_editor):
    Page = apps.get_model("wagtailcore.Page")
    WeeknoteIndexPage = apps.get_model("cms.WeeknoteIndexPage")
    for index_page in WeeknoteIndexPage.objects.all():
        parent_path = index_page.path[:-STEPLEN]
        Page.objects.filter(path__startswith=index_page.path).delete()
        parent = Page.objects.filter(path=parent_path).first()
        if parent is not None:
            Page.objects.filter(pk=parent.pk).update(numchild=max(parent.numchild - 1, 0))


class Migration(migrations.Migration):
    dependencies = [("cms", "0003_weeknotes")]

    operations = [migrations.RunPython(create_index, remove_index)]
