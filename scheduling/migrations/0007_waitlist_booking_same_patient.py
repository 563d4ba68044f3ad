"""A waitlist entry can only be marked booked by an appointment of the same patient.

PostgreSQL: a composite foreign key (booked_appointment_id, patient_id) onto a unique
(id, patient_id) of the appointment; a row with no booked appointment is not checked
(MATCH SIMPLE). SQLite cannot add a foreign key to an existing table without
rebuilding it, so triggers refuse the same inserts and updates there.
"""

from django.db import migrations

PG_FORWARD = [
    "ALTER TABLE scheduling_appointment ADD CONSTRAINT appointment_id_patient_unique UNIQUE (id, patient_id)",
    """
    ALTER TABLE scheduling_waitlistentry ADD CONSTRAINT waitlist_booked_for_same_patient
    FOREIGN KEY (booked_appointment_id, patient_id) REFERENCES scheduling_appointment (id, patient_id)
    DEFERRABLE INITIALLY DEFERRED
    """,
]
PG_REVERSE = [
    "ALTER TABLE scheduling_waitlistentry DROP CONSTRAINT IF EXISTS waitlist_booked_for_same_patient",
    "ALTER TABLE scheduling_appointment DROP CONSTRAINT IF EXISTS appointment_id_patient_unique",
]

SQLITE_CHECK = """
CREATE TRIGGER waitlist_booked_for_same_patient_{op}
BEFORE {event} ON scheduling_waitlistentry
WHEN NEW.booked_appointment_id IS NOT NULL AND NEW.patient_id IS NOT (
    SELECT patient_id FROM scheduling_appointment WHERE id = NEW.booked_appointment_id
)
BEGIN
    SELECT RAISE(ABORT, 'waitlist_booked_for_same_patient: the booked appointment is another patient''s');
END;
"""
SQLITE_FORWARD = [
    SQLITE_CHECK.format(op="insert", event="INSERT"),
    SQLITE_CHECK.format(op="update", event="UPDATE OF booked_appointment_id, patient_id"),
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS waitlist_booked_for_same_patient_insert",
    "DROP TRIGGER IF EXISTS waitlist_booked_for_same_patient_update",
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
    dependencies = [("scheduling", "0006_appointment_action_permissions")]

    operations = [migrations.RunPython(forward, reverse)]
