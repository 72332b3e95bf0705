from django.db import migrations

INTRO = (
    "Cylch brings people from the police, health, councils and charities together "
    "around one shared issue. Each person runs an inquiry in short cycles of plan, act, "
    "observe and reflect, and what they learn is shared here in the open."
)


def create_homepage(apps, schema_editor):
    """Replace Wagtail's welcome page with our HomePage as the default site's root."""
    ContentType = apps.get_model("contenttypes.ContentType")
    Locale = apps.get_model("wagtailcore.Locale")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("cms.HomePage")

    Page.objects.filter(depth=2, slug="home", content_type__app_label="wagtailcore").delete()
    content_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="cms")
    homepage = HomePage.objects.create(
        title="Cylch",
        draft_title="Cylch",
        slug="home",
        intro=INTRO,
        content_type=content_type,
        locale=Locale.objects.order_by("pk").first(),
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/home/",
        live=True,
    )
    Site.objects.filter(is_default_site=True).delete()
    Site.objects.create(
        hostname="localhost", port=80, root_page=homepage, is_default_site=True, site_name="Cylch"
    )


def remove_homepage(apps, schema_editor):
    HomePage = apps.get_model("cms.HomePage")
    HomePage.objects.filter(slug="home", depth=2).delete()


class Migration(migrations.Migration):
    dependencies = [("cms", "0001_initial")]

    operations = [migrations.RunPython(create_homepage, remove_homepage)]
