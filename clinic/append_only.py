"""What keeps the audit trail append-only underneath AuditEntry's own save() and delete().

Python: ``models.Model.delete(entry)`` and ``AuditEntry._base_manager...delete()`` skip
the model's methods and its QuerySet; a pre_delete receiver refuses them with the same
AuditEntryImmutable, and a pre_save receiver refuses ``models.Model.save`` of a stored
entry.

PostgreSQL: the trigger from migration 0002 refuses UPDATE and DELETE; the application's
role has neither TRUNCATE nor the ownership needed to drop or disable a trigger
(README, "Database roles").

SQLite (the embedded default; production refuses to start on it): the triggers below
refuse UPDATE and DELETE, and an INSERT whose timestamp is more than five minutes from
the application's clock. That last one is the line we draw on forgery: an entry cannot
be slipped into the past (or the future) of the trail by raw SQL. The clock is the
application's (``veinflow_clock()``, registered on every SQLite connection the
application opens), not the database's, because the application is what stamps entries
(auditlog's ``timezone.now``) and tests set that clock; a sqlite3 shell does not know
the function, so an insert from outside the application fails outright. The actor of an
entry cannot be checked in the database: whoever can run SQL as the application can
claim any actor, which is why production runs on PostgreSQL with a role that cannot
rewrite what is already there.
"""

import time
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.signals import connection_created
from django.db.models.signals import pre_delete, pre_save

TABLE = "clinic_auditentry"
CLOCK_TOLERANCE_SECONDS = 300  # clock drift between web nodes and a slow request, with room to spare

SQLITE_TRIGGERS = {
    "clinic_auditentry_no_update": f"""
CREATE TRIGGER clinic_auditentry_no_update BEFORE UPDATE ON {TABLE}
BEGIN
    SELECT RAISE(ABORT, 'audit entries are append-only (UPDATE refused)');
END""",
    "clinic_auditentry_no_delete": f"""
CREATE TRIGGER clinic_auditentry_no_delete BEFORE DELETE ON {TABLE}
BEGIN
    SELECT RAISE(ABORT, 'audit entries are append-only (DELETE refused)');
END""",
    "clinic_auditentry_stamped_now": f"""
CREATE TRIGGER clinic_auditentry_stamped_now BEFORE INSERT ON {TABLE}
WHEN julianday(NEW.timestamp) IS NULL
    OR abs((julianday(NEW.timestamp) - 2440587.5) * 86400.0 - veinflow_clock()) > {CLOCK_TOLERANCE_SECONDS}
BEGIN
    SELECT RAISE(ABORT, 'an audit entry is stamped with the time it is written (INSERT refused)');
END""",
}

INSTALLED_BY = "0005_audit_sqlite_no_delete_no_backdating"


def install(connection: BaseDatabaseWrapper) -> None:
    """(Re)create the SQLite triggers; PostgreSQL's live in migration 0002."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for name, sql in SQLITE_TRIGGERS.items():
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            cursor.execute(sql)


def uninstall_added(connection: BaseDatabaseWrapper) -> None:
    """Drop what migration 0005 added (0002's UPDATE trigger stays)."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for name in ("clinic_auditentry_no_delete", "clinic_auditentry_stamped_now"):
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")


def reinstall_after_migrate(*, using: str, **kwargs: Any) -> None:
    """SQLite drops a table's triggers when a migration rebuilds it; every migrate puts them back."""
    from django.db import connections
    from django.db.migrations.recorder import MigrationRecorder

    connection = connections[using]
    if connection.vendor == "sqlite" and ("clinic", INSTALLED_BY) in MigrationRecorder(connection).applied_migrations():
        install(connection)


def _register_clock(sender: type, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    if connection.vendor == "sqlite":
        # A lambda, so a clock a test has set (time-machine) is the one read.
        connection.connection.create_function("veinflow_clock", 0, lambda: time.time())


def _refuse_change(sender: type, instance: Any, **kwargs: Any) -> None:
    from clinic.models import AuditEntryImmutable

    if not instance._state.adding:
        raise AuditEntryImmutable("Audit entries cannot be changed.")


def _refuse_delete(sender: type, instance: Any, **kwargs: Any) -> None:
    from clinic.models import AuditEntryImmutable

    raise AuditEntryImmutable("Audit entries cannot be deleted.")


def connect() -> None:
    from clinic.models import AuditEntry

    connection_created.connect(_register_clock, dispatch_uid="clinic.append_only.clock")
    pre_save.connect(_refuse_change, sender=AuditEntry, dispatch_uid="clinic.append_only.save")
    pre_delete.connect(_refuse_delete, sender=AuditEntry, dispatch_uid="clinic.append_only.delete")
