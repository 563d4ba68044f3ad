"""No visit lasts longer than the longest appointment type allows (480 minutes).

Queries for the visits that overlap a window rely on it to bound ``start`` from below
(``AppointmentQuerySet.overlapping``). PostgreSQL: a check constraint. SQLite cannot add
one without rebuilding the table, which would break the triggers of other tables that
name it, so triggers refuse the same inserts and updates there.
"""

from django.db import migrations

PG_FORWARD = [
    """
    ALTER TABLE scheduling_appointment ADD CONSTRAINT appointment_at_most_eight_hours
    CHECK ("end" <= "start" + interval '480 minutes')
    """
]
PG_REVERSE = ["ALTER TABLE scheduling_appointment DROP CONSTRAINT IF EXISTS appointment_at_most_eight_hours"]

SQLITE_CHECK = """
CREATE TRIGGER appointment_at_most_eight_hours_{op}
BEFORE {event} ON scheduling_appointment
WHEN julianday(NEW."end") > julianday(NEW."start", '+480 minutes')
BEGIN
    SELECT RAISE(ABORT, 'appointment_at_most_eight_hours: a visit lasts at most 480 minutes');
END;
"""
SQLITE_FORWARD = [
    SQLITE_CHECK.format(op="insert", event="INSERT"),
    SQLITE_CHECK.format(op="update", event='UPDATE OF "start", "end"'),
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS appointment_at_most_eight_hours_insert",
    "DROP TRIGGER IF EXISTS appointment_at_most_eight_hours_update",
]


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in {"postgresql": PG_FORWARD, "sqlite": SQLITE_FORWARD}.get(vendor, []):
        schema_editor.execute(statement)


def reverse(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in {"postgresql": PG_REVERSE, "sqlite": SQLITE_REVERSE}.get(vendor, []):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("scheduling", "0009_symptom_survey_reminders")]

    operations = [migrations.RunPython(forward, reverse)]
