"""The search index (an FTS5 table on SQLite, a tsvector column with a GIN index on PostgreSQL; see
library/search.py) and the six themes."""

from django.db import migrations


def forwards(apps, schema_editor):
    from paritas.web.library import search

    search.create(schema_editor)
    Theme = apps.get_model("library", "Theme")
    for code in ("pay", "recruitment", "leadership", "norms", "full_time", "integration"):
        Theme.objects.get_or_create(code=code)


def backwards(apps, schema_editor):
    from paritas.web.library import search

    search.drop(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("library", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
