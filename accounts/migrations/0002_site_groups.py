from django.db import migrations

# Site-wide groups from DESIGN.md. Wagtail's own migrations create "Editors";
# "Facilitators" may form cohorts for any issue and reach the Wagtail admin.
FACILITATORS = "Facilitators"


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    facilitators, _ = Group.objects.get_or_create(name=FACILITATORS)
    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    facilitators.permissions.add(access_admin)


def remove_groups(apps, schema_editor):
    apps.get_model("auth.Group").objects.filter(name=FACILITATORS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
