from django.db import migrations

# DESIGN.md: staff are the site-wide group "Staff", not superusers, with exactly the
# permissions their work needs. This gives the group Wagtail admin access and what it
# may do to accounts: see people and change their names and email addresses (never a
# password, a group or superuser status: accounts/admin_views.py). cohorts gives the
# group its own permissions (cohorts/migrations/0002_staff_permissions.py).
STAFF = "Staff"
ACCOUNTS_PERMISSIONS = {
    # codename: name, as in accounts.User.Meta (post_migrate would create them too late)
    "run_programme": "Can run the programme",
    "change_user_contact": "Can change people's names and email addresses",
    "view_user": "Can view user",
}


def create_staff_group(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    user_type, _ = ContentType.objects.get_or_create(app_label="accounts", model="user")
    staff, _ = Group.objects.get_or_create(name=STAFF)
    staff.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        *(
            Permission.objects.get_or_create(
                content_type=user_type, codename=codename, defaults={"name": name}
            )[0]
            for codename, name in ACCOUNTS_PERMISSIONS.items()
        ),
    )


def remove_staff_group(apps, schema_editor):
    apps.get_model("auth.Group").objects.filter(name=STAFF).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_user_permissions"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        # These give every group with admin access the image and document choosers;
        # run them first, so that Staff gets nothing it was not given here.
        ("wagtailimages", "0023_add_choose_permissions"),
        ("wagtaildocs", "0011_add_choose_permissions"),
    ]

    operations = [migrations.RunPython(create_staff_group, remove_staff_group)]
