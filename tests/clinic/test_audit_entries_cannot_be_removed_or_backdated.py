"""Below AuditEntry's own methods: the paths that skip them, on SQLite as on PostgreSQL.

Forgery, as far as a database can tell it: an entry written with a time other than
the time it is written (a backdated copy of a real entry, say). The actor cannot be
checked by the database; see clinic/append_only.py.
"""

import datetime

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import DatabaseError, IntegrityError, connection, models, transaction

from clinic.models import AuditEntry, AuditEntryImmutable
from evaluations.models import Evaluation
from tests.evaluations.locked_records import raw_delete
from tests.factories import PatientFactory
from tests.factories.evaluations import signed_evaluation
from tests.helpers import requires_sqlite

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 3, 2, 9, 30, tzinfo=datetime.UTC)


def an_entry() -> AuditEntry:
    patient = PatientFactory()
    return AuditEntry.objects.filter(object_pk=str(patient.pk), content_type__model="patient").first()


def test_model_delete_called_on_the_base_class_is_refused() -> None:
    entry = an_entry()
    # Django deletes inside its own atomic block, so the refusal rolls back the caller's too.
    with pytest.raises(AuditEntryImmutable), transaction.atomic():
        models.Model.delete(entry)
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_the_base_manager_cannot_delete_an_entry() -> None:
    entry = an_entry()
    with pytest.raises(AuditEntryImmutable), transaction.atomic():
        AuditEntry._base_manager.filter(pk=entry.pk).delete()
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_model_save_called_on_the_base_class_cannot_change_an_entry() -> None:
    entry = an_entry()
    entry.object_repr = "tampered"
    with pytest.raises(AuditEntryImmutable):
        models.Model.save(entry)
    entry.refresh_from_db()
    assert entry.object_repr != "tampered"


def test_the_database_refuses_a_delete_that_skips_every_python_check() -> None:
    entry = an_entry()
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry._base_manager.filter(pk=entry.pk)._raw_delete(connection.alias)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM clinic_auditentry WHERE id = %s", [entry.pk])
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


@requires_sqlite
def test_sqlite_refuses_an_entry_backdated_through_the_orm() -> None:
    with time_machine.travel(NOW, tick=False):
        entry = an_entry()
        forged = AuditEntry(
            content_type_id=entry.content_type_id,
            object_pk=entry.object_pk,
            object_repr=entry.object_repr,
            action=AuditEntry.Action.ACCESS,
            timestamp=NOW - datetime.timedelta(days=30),
        )
        with pytest.raises(IntegrityError), transaction.atomic():
            AuditEntry.objects.bulk_create([forged])


@requires_sqlite
@pytest.mark.parametrize(
    "stamp",
    [
        (NOW - datetime.timedelta(minutes=6)).strftime("%Y-%m-%d %H:%M:%S"),
        (NOW + datetime.timedelta(minutes=6)).strftime("%Y-%m-%d %H:%M:%S"),
        "2026-03-02T09:30:00+05:00",
        "not a time",
    ],
)
def test_sqlite_refuses_a_raw_copy_of_an_entry_stamped_at_another_time(stamp: str) -> None:
    with time_machine.travel(NOW, tick=False):
        entry = an_entry()
        with pytest.raises(IntegrityError), transaction.atomic():
            copy_entry(entry, stamp)
    assert AuditEntry.objects.filter(object_pk=entry.object_pk, content_type=entry.content_type).count() == 1


@requires_sqlite
def test_sqlite_accepts_an_entry_written_now() -> None:
    with time_machine.travel(NOW, tick=False):
        entry = an_entry()
        copy_entry(entry, (NOW - datetime.timedelta(seconds=30)).strftime("%Y-%m-%d %H:%M:%S.%f"))
    assert AuditEntry.objects.filter(object_pk=entry.object_pk, content_type=entry.content_type).count() == 2


def copy_entry(entry: AuditEntry, stamp: str) -> None:
    columns = ", ".join(f.column for f in AuditEntry._meta.concrete_fields if f.column not in ("id", "timestamp"))
    copy = (
        f"INSERT INTO clinic_auditentry ({columns}, timestamp) "
        f"SELECT {columns}, %s FROM clinic_auditentry WHERE id = %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(copy, [stamp, entry.pk])


@pytest.mark.django_db(transaction=True)
def test_the_test_flush_empties_the_trail_and_signed_notes_and_keeps_their_triggers() -> None:
    with time_machine.travel(NOW, tick=False):
        signed_evaluation(PatientFactory())
    # As TransactionTestCase flushes between tests: no post_migrate (which would seed
    # content types under new ids that the next test's snapshot then collides with).
    call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
    ContentType.objects.clear_cache()
    assert not AuditEntry.objects.exists() and not Evaluation.objects.exists()

    with time_machine.travel(NOW, tick=False):
        note = signed_evaluation(PatientFactory())
    with pytest.raises(IntegrityError):
        raw_delete(note)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM clinic_auditentry")
    assert Evaluation.objects.filter(pk=note.pk).exists() and AuditEntry.objects.exists()
