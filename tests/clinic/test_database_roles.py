"""The README's grants for the application's PostgreSQL role do what the README says."""

import re
import uuid
from pathlib import Path

import pytest
from django.db import DatabaseError, connection, transaction

from clinic.models import AuditEntry
from tests.evaluations.locked_records import NOTE
from tests.factories import PatientFactory
from tests.helpers import requires_postgres

pytestmark = [pytest.mark.django_db, requires_postgres]

README = Path(__file__).resolve().parents[2] / "README.md"


def app_grants(role: str) -> list[str]:
    text = README.read_text()
    block = re.search(r"<!-- app-grants:[^>]*-->\s*```sql\n(.*?)```", text, re.S).group(1)
    lines = [line for line in block.splitlines() if line.strip() and not line.startswith("--")]
    return [s.strip() for s in " ".join(lines).replace("veinflow_app", role).split(";") if s.strip()]


@pytest.fixture
def as_app_role():
    """The test's transaction, acting as a fresh role given exactly the README's grants."""
    role = f"veinflow_app_{uuid.uuid4().hex[:8]}"
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE ROLE {role} NOLOGIN NOSUPERUSER")
        for statement in app_grants(role):
            cursor.execute(statement)
        cursor.execute(f"SET LOCAL ROLE {role}")
    return role


def refused(sql: str, params: list | None = None) -> bool:
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, params)
    except DatabaseError:
        return True
    return False


def test_the_application_role_works_and_appends_to_the_audit_trail(as_app_role) -> None:
    patient = PatientFactory()
    patient_pk = str(patient.pk)
    patient.last_name = "Okafor-Reyes"
    patient.save()
    patient.delete()
    assert AuditEntry.objects.filter(object_pk=patient_pk).count() == 3


def test_the_application_role_cannot_rewrite_or_empty_the_audit_trail(as_app_role) -> None:
    entry_id = AuditEntry.objects.filter(object_pk=str(PatientFactory().pk)).values_list("pk", flat=True).get()
    assert refused("UPDATE clinic_auditentry SET object_repr = 'x' WHERE id = %s", [entry_id])
    assert refused("DELETE FROM clinic_auditentry WHERE id = %s", [entry_id])
    assert refused("TRUNCATE clinic_auditentry")
    assert refused("ALTER TABLE clinic_auditentry DISABLE TRIGGER ALL")
    assert refused("DROP TRIGGER clinic_auditentry_no_update_delete ON clinic_auditentry")
    assert refused("SET session_replication_role = replica")


def test_the_application_role_cannot_switch_off_the_signed_record_triggers(as_app_role) -> None:
    note = NOTE.build()
    assert refused("TRUNCATE evaluations_evaluation CASCADE")
    assert refused("ALTER TABLE evaluations_evaluation DISABLE TRIGGER evaluations_evaluation_locked")
    assert refused("DROP FUNCTION evaluations_evaluation_locked() CASCADE")
    assert refused("UPDATE evaluations_evaluation SET status = 'draft', signed_by_id = NULL, signed_at = NULL")
    note.refresh_from_db()
    assert note.is_signed
