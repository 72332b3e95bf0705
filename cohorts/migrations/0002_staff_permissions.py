from django.db import migrations

# The Staff group (accounts/migrations/0004_staff_group.py) manages issues, organisations
# and cohorts in the Wagtail admin: adds, changes and views them, and merges duplicate
# organisations, which deletes one. Nothing else of cohorts: memberships and invitations
# are the facilitators' work on the site.
STAFF = "Staff"
PERMISSIONS = {
    # model: (verbose name, as Django names its permissions), actions
    "issue": ("shared issue", ["add", "change", "view"]),
    "organisation": ("organisation", ["add", "change", "view", "delete"]),
    "cohort": ("cohort", ["add", "change", "view"]),
}


def give_staff_cohorts(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    staff = Group.objects.get(name=STAFF)
    for model, (verbose_name, actions) in PERMISSIONS.items():
        content_type, _ = ContentType.objects.get_or_create(app_label="cohorts", model=model)
        for action in actions:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {verbose_name}"},
            )
            staff.permissions.add(permission)


def take_them_back(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    staff = Group.objects.filter(name=STAFF).first()
    if staff is not None:
        staff.permissions.remove(*staff.permissions.filter(content_type__app_label="cohorts"))


class Migration(migrations.Migration):
    dependencies = [
        ("cohorts", "0001_initial"),
        ("accounts", "0004_staff_group"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(give_staff_cohorts, take_them_back)]
