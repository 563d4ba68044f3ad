"""Make the audit table append-only in the database itself.

PostgreSQL: a trigger refuses UPDATE and DELETE, whoever sends them (the app, the
admin, a psql session). TRUNCATE stays possible for the database owner, which
test-database teardown needs; production roles should not be granted it.

SQLite (the embedded development default): UPDATE is refused by a trigger; DELETE is
refused by the model and its QuerySet, because Django's test flush on SQLite
empties tables with DELETE and a trigger would break it.
"""

from django.db import migrations

PG_FORWARD = [
    """
CREATE OR REPLACE FUNCTION clinic_auditentry_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION USING
        MESSAGE = 'audit entries are append-only: ' || TG_OP || ' refused',
        ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql
""",
    """
CREATE TRIGGER clinic_auditentry_no_update_delete
BEFORE UPDATE OR DELETE ON clinic_auditentry
FOR EACH ROW EXECUTE FUNCTION clinic_auditentry_append_only()
""",
]

PG_REVERSE = [
    "DROP TRIGGER IF EXISTS clinic_auditentry_no_update_delete ON clinic_auditentry",
    "DROP FUNCTION IF EXISTS clinic_auditentry_append_only()",
]

SQLITE_FORWARD = """
CREATE TRIGGER clinic_auditentry_no_update
BEFORE UPDATE ON clinic_auditentry
BEGIN
    SELECT RAISE(ABORT, 'audit entries are append-only (UPDATE refused)');
END;
"""

SQLITE_REVERSE = "DROP TRIGGER IF EXISTS clinic_auditentry_no_update;"


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for statement in PG_FORWARD:
            schema_editor.execute(statement)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_FORWARD)


def reverse(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for statement in PG_REVERSE:
            schema_editor.execute(statement)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_REVERSE)


class Migration(migrations.Migration):
    dependencies = [("clinic", "0001_initial")]

    operations = [migrations.RunPython(forward, reverse)]
