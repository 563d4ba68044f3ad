"""Every change to patient information leaves an entry; no entry can be changed or removed."""

import pytest
from auditlog.context import set_actor
from django.db import connection, transaction
from django.db.utils import DatabaseError

from clinic.audit import log_access
from clinic.models import AuditEntry, AuditEntryImmutable
from tests.conftest import client_for
from tests.factories import PatientFactory
from tests.helpers import requires_postgres

pytestmark = pytest.mark.django_db


def entries_for(obj) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(object_pk=str(obj.pk), content_type__model=obj._meta.model_name))


def test_creating_changing_and_deleting_a_patient_is_recorded_with_actor_and_address(front_desk) -> None:
    with set_actor(front_desk, remote_addr="10.1.2.3"):
        patient = PatientFactory(last_name="Alvarez")
        patient.last_name = "Álvarez"
        patient.save()
        pk = patient.pk
        patient.delete()

    entries = AuditEntry.objects.filter(object_pk=str(pk), content_type__model="patient").order_by("pk")
    assert [e.action for e in entries] == [AuditEntry.Action.CREATE, AuditEntry.Action.UPDATE, AuditEntry.Action.DELETE]
    assert all(e.actor == front_desk and e.remote_addr == "10.1.2.3" for e in entries)
    assert entries[1].changes_dict["last_name"] == ["Alvarez", "Álvarez"]


def test_opening_a_record_is_recorded_as_access(physician) -> None:
    patient = PatientFactory()
    with set_actor(physician, remote_addr="10.9.9.9"):
        log_access(patient)
    access = [e for e in entries_for(patient) if e.action == AuditEntry.Action.ACCESS]
    assert len(access) == 1
    assert access[0].actor == physician


def test_the_app_cannot_change_an_entry() -> None:
    entry = entries_for(PatientFactory())[0]
    entry.object_repr = "tampered"
    with pytest.raises(AuditEntryImmutable):
        entry.save()
    with pytest.raises(AuditEntryImmutable):
        AuditEntry.objects.filter(pk=entry.pk).update(object_repr="tampered")
    entry.refresh_from_db()
    assert entry.object_repr != "tampered"


def test_the_app_cannot_delete_an_entry() -> None:
    entry = entries_for(PatientFactory())[0]
    with pytest.raises(AuditEntryImmutable):
        entry.delete()
    with pytest.raises(AuditEntryImmutable):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_the_admin_offers_no_way_to_change_or_delete_an_entry(clinic_admin) -> None:
    entry = entries_for(PatientFactory())[0]
    client = client_for(clinic_admin)
    change_url = f"/admin/clinic/auditentry/{entry.pk}/change/"
    delete_url = f"/admin/clinic/auditentry/{entry.pk}/delete/"

    assert client.get("/admin/clinic/auditentry/").status_code == 200
    assert client.post(change_url, {"object_repr": "tampered"}).status_code == 403
    assert client.post(delete_url, {"post": "yes"}).status_code == 403
    bulk = client.post(
        "/admin/clinic/auditentry/", {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"}
    )
    assert bulk.status_code in (200, 302)
    entry.refresh_from_db()
    assert entry.object_repr != "tampered"
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_sqlite_and_postgres_refuse_a_raw_update() -> None:
    entry = entries_for(PatientFactory())[0]
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE clinic_auditentry SET object_repr = 'tampered' WHERE id = %s", [entry.pk])
    entry.refresh_from_db()
    assert entry.object_repr != "tampered"


@requires_postgres
def test_postgres_refuses_a_raw_delete() -> None:
    entry = entries_for(PatientFactory())[0]
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM clinic_auditentry WHERE id = %s", [entry.pk])
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_a_user_with_audit_history_cannot_be_deleted_only_deactivated(front_desk) -> None:
    from django.db.models import ProtectedError

    with set_actor(front_desk):
        PatientFactory()
    with pytest.raises(ProtectedError):
        front_desk.delete()
