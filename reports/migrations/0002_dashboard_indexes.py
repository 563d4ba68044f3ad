"""Indexes for the dashboard's aggregate queries (reports.metrics), on the tables it reads.

They live here, not in the owning apps' models, because only the dashboard needs them.
Plain CREATE INDEX, which PostgreSQL and SQLite read alike.
"""

from django.db import migrations

INDEXES = [
    # visits() and utilization() for all offices: appointments starting in the date range.
    # (One office: scheduling's appointment_office_start already serves them.)
    ("reports_appointment_start", "scheduling_appointment", "start", ""),
    # screenings() and screening_to_first_visit() for one office: its screenings sent in the range.
    ("reports_screening_office_sent", "intake_screeningsubmission", "preferred_office_id, submitted_at", ""),
    # The same two for all offices.
    ("reports_screening_sent", "intake_screeningsubmission", "submitted_at", ""),
    # reminders() for one office: its messages due in the range.
    ("reports_reminder_office_due", "scheduling_reminder", "office_id, due_at", ""),
    # reminders() for all offices (reminder_pending_due covers pending rows only).
    ("reports_reminder_due", "scheduling_reminder", "due_at", ""),
    # procedures(), first_visit_to_treatment() and outcomes(): procedures done in the range.
    ("reports_planitem_done", "evaluations_planitem", "done_on", "WHERE done_on IS NOT NULL"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_dashboard_permission"),
        ("scheduling", "0008_closure_added_once"),
        ("intake", "0008_patient_search_by_local_number"),
        ("evaluations", "0006_signed_records_locked"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX {name} ON {table} ({columns}) {where}".strip(),
            f"DROP INDEX {name}",
        )
        for name, table, columns, where in INDEXES
    ]
