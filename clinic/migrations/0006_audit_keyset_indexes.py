"""Indexes for the audit page's keyset pagination: each filter, then (timestamp, id).

The single-column indexes auditlog puts on ``timestamp`` and ``action`` become the
leading columns of ``audit_recent`` and ``audit_action_recent``; they are dropped by
name rather than through AlterField, which on SQLite rebuilds the table and with it
would drop the append-only triggers.
"""

import django.utils.timezone
from django.db import migrations, models


def drop_single_column_indexes(apps, schema_editor):
    entry = apps.get_model("clinic", "AuditEntry")
    table = entry._meta.db_table
    for column in ("timestamp", "action"):
        # The name Django gave the db_index=True index when it created the table.
        name = schema_editor._create_index_name(table, [column])
        schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(name)}")


def create_single_column_indexes(apps, schema_editor):
    entry = apps.get_model("clinic", "AuditEntry")
    table = entry._meta.db_table
    for column in ("timestamp", "action"):
        name = schema_editor._create_index_name(table, [column])
        schema_editor.execute(
            f"CREATE INDEX {schema_editor.quote_name(name)} ON {schema_editor.quote_name(table)} "
            f"({schema_editor.quote_name(column)})"
        )


class Migration(migrations.Migration):
    dependencies = [("clinic", "0005_audit_sqlite_no_delete_no_backdating")]

    operations = [
        migrations.RemoveIndex(model_name="auditentry", name="audit_object_recent"),
        migrations.RemoveIndex(model_name="auditentry", name="audit_actor_recent"),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="auditentry",
                    name="action",
                    field=models.PositiveSmallIntegerField(
                        choices=[(0, "create"), (1, "update"), (2, "delete"), (3, "access")], verbose_name="action"
                    ),
                ),
                migrations.AlterField(
                    model_name="auditentry",
                    name="timestamp",
                    field=models.DateTimeField(default=django.utils.timezone.now, verbose_name="timestamp"),
                ),
            ],
            database_operations=[migrations.RunPython(drop_single_column_indexes, create_single_column_indexes)],
        ),
        migrations.AddIndex(
            model_name="auditentry",
            index=models.Index(fields=["-timestamp", "-id"], name="audit_recent"),
        ),
        migrations.AddIndex(
            model_name="auditentry",
            index=models.Index(fields=["content_type", "object_pk", "-timestamp", "-id"], name="audit_object_recent"),
        ),
        migrations.AddIndex(
            model_name="auditentry",
            index=models.Index(fields=["content_type", "-timestamp", "-id"], name="audit_type_recent"),
        ),
        migrations.AddIndex(
            model_name="auditentry",
            index=models.Index(fields=["actor", "-timestamp", "-id"], name="audit_actor_recent"),
        ),
        migrations.AddIndex(
            model_name="auditentry",
            index=models.Index(fields=["action", "-timestamp", "-id"], name="audit_action_recent"),
        ),
    ]
