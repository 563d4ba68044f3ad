"""Detach django-auditlog's own table, which VeinFlow never writes to.

The audit trail lives in clinic_auditentry (AUDITLOG_LOGENTRY_MODEL). auditlog's
migrations still create auditlog_logentry with foreign keys to users and content
types; Django does not know the table (its model is swapped out), so on PostgreSQL
a TRUNCATE of users, as test isolation does, fails on those keys. The table stays
empty; only its constraints go.
"""

from django.db import migrations

DROP_FOREIGN_KEYS = """
DO $$
DECLARE constraint_name text;
BEGIN
    FOR constraint_name IN
        SELECT conname FROM pg_constraint
        WHERE conrelid = 'auditlog_logentry'::regclass AND contype = 'f'
    LOOP
        EXECUTE 'ALTER TABLE auditlog_logentry DROP CONSTRAINT ' || quote_ident(constraint_name);
    END LOOP;
END $$
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_FOREIGN_KEYS)


class Migration(migrations.Migration):
    dependencies = [
        ("clinic", "0002_audit_append_only"),
        ("auditlog", "0017_add_actor_email"),
    ]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
