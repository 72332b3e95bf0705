from django.db import migrations

EDITORS = "Editors"
PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]
# The image block needs an editor to upload and choose images; nothing more.
IMAGE_PERMISSIONS = ["add_image", "choose_image"]


def page_permission(apps, codename):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="page")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": codename.replace("_", " ")}
    )
    return permission


def editors_publish_weeknotes(apps, schema_editor):
    """Editors create, edit and publish weeknotes, and do nothing else in the admin."""
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    Collection = apps.get_model("wagtailcore.Collection")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")
    GroupSitePermission = apps.get_model("wagtailcore.GroupSitePermission")
    WeeknoteIndexPage = apps.get_model("cms.WeeknoteIndexPage")

    editors, _ = Group.objects.get_or_create(name=EDITORS)
    access_admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    editors.permissions.set([access_admin])

    GroupPagePermission.objects.filter(group=editors).delete()
    GroupSitePermission.objects.filter(group=editors).delete()
    index_page = WeeknoteIndexPage.objects.order_by("path").first()
    if index_page is not None:
        for codename in PAGE_PERMISSIONS:
            GroupPagePermission.objects.create(
                group=editors, page_id=index_page.pk, permission=page_permission(apps, codename)
            )

    GroupCollectionPermission.objects.filter(group=editors).delete()
    root = Collection.objects.filter(depth=1).first()
    if root is not None:
        for permission in Permission.objects.filter(
            content_type__app_label="wagtailimages", codename__in=IMAGE_PERMISSIONS
        ):
            GroupCollectionPermission.objects.create(group=editors, collection=root, permission=permission)


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0004_create_weeknote_index"),
        ("wagtailcore", "0095_groupsitepermission"),
        ("wagtailimages", "0023_add_choose_permissions"),
        ("wagtaildocs", "0011_add_choose_permissions"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(editors_publish_weeknotes, migrations.RunPython.noop)]
