"""Signed notes, signed plans and final duplex studies refuse change in the database itself.

The SQL lives in evaluations/triggers.py; a later migration that adds a column to
one of these tables runs ``triggers.install`` again so SQLite's triggers cover it.
"""

from django.db import migrations

from evaluations import triggers


def forward(apps, schema_editor):
    triggers.install(schema_editor)


def reverse(apps, schema_editor):
    triggers.uninstall(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("evaluations", "0003_appointment_links")]

    operations = [migrations.RunPython(forward, reverse)]
