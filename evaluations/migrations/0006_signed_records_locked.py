"""Signed notes, signed plans and final duplex studies refuse change in the database itself.

The SQL lives in evaluations/triggers.py. On SQLite every migrate ends by installing
the triggers again (triggers.reinstall_after_migrate), because SQLite rebuilds a table
for most schema changes and drops its triggers with it.
"""

from django.db import migrations

from evaluations import triggers


def forward(apps, schema_editor):
    triggers.install(schema_editor.connection)


def reverse(apps, schema_editor):
    triggers.uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("evaluations", "0005_custody_and_take_over")]

    operations = [migrations.RunPython(forward, reverse)]
