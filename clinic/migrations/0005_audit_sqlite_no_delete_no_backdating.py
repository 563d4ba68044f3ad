"""SQLite, too, refuses to delete audit entries, and refuses entries not stamped with the time they are written.

The SQL and the reasons are in clinic/append_only.py. Django's test flush empties
tables with DELETE; tests/conftest.py lifts the triggers around that flush only.
"""

from django.db import migrations

from clinic import append_only


def forward(apps, schema_editor):
    append_only.install(schema_editor.connection)


def reverse(apps, schema_editor):
    append_only.uninstall_added(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("clinic", "0004_audit_drop_redundant_indexes")]

    operations = [migrations.RunPython(forward, reverse)]
