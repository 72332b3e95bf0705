"""A GIN index on the search index's ``title || body`` (PostgreSQL only).

Wagtail's database backend matches ``title || body @@ tsquery`` (its comment says a
computed index on that expression covers it, but none of its migrations makes one),
so without this every search read every index entry. SQLite searches through its
own full-text table and needs nothing here.
"""

from django.db import migrations

INDEX = "cms_search_title_body_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailsearch_indexentry "
            "USING gin ((title || body))"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0011_drafts_store_their_html"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
