"""Two indexes fewer on the audit trail, which every audited read and write inserts into: none on
object_id (nothing reads by it), and the correlation id's index without its pattern-matching twin."""

from django.db import migrations, models


def reinstall_sqlite_triggers(apps, schema_editor):
    # SQLite alters a column by rebuilding the table, which drops its triggers.
    from clinic import append_only

    append_only.install(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("clinic", "0007_form_draft"),
    ]

    operations = [
        migrations.AlterField(
            model_name="auditentry",
            name="cid",
            field=models.CharField(blank=True, max_length=255, null=True, verbose_name="Correlation ID"),
        ),
        migrations.AlterField(
            model_name="auditentry",
            name="object_id",
            field=models.BigIntegerField(blank=True, null=True, verbose_name="object id"),
        ),
        migrations.AddIndex(
            model_name="auditentry",
            index=models.Index(fields=["cid"], name="audit_cid"),
        ),
        migrations.RunPython(reinstall_sqlite_triggers, migrations.RunPython.noop),
    ]
