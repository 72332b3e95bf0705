"""The *Weeknote review* workflow: one task, approved by the Editors group (DESIGN.md)."""

from django.db import migrations

WORKFLOW = "Weeknote review"
EDITORS = "Editors"


def create_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    ReviewTask = apps.get_model("cms", "WeeknoteReviewTask")

    task_type, _ = ContentType.objects.get_or_create(app_label="cms", model="weeknotereviewtask")
    task = ReviewTask.objects.create(name=WORKFLOW, content_type=task_type, active=True)
    task.groups.add(Group.objects.get_or_create(name=EDITORS)[0])
    workflow = Workflow.objects.create(name=WORKFLOW, active=True)
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)


def remove_workflow(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=WORKFLOW).delete()
    apps.get_model("cms", "WeeknoteReviewTask").objects.filter(name=WORKFLOW).delete()


class Migration(migrations.Migration):
    dependencies = [("cms", "0007_weeknote_drafts")]

    operations = [migrations.RunPython(create_workflow, remove_workflow)]
