"""Database triggers that keep signed notes, signed plans and final duplex studies as they were signed.

The models refuse such changes first, with a message a person can act on
(evaluations.models.locking); these triggers are the floor under every other path:
``QuerySet.update()`` through ``_base_manager``, ``Model.delete`` called on the base
class, a psql or sqlite3 session, a future bug. 45 CFR 164.312(c)(1) asks that
electronic health information not be altered or destroyed in an unauthorized manner;
a signed record is corrected by a dated addendum, never in place.

What may still change after signing is named column by column in ``OPEN_COLUMNS``:
the steps a plan item goes through once the plan is signed (authorization, booking,
done, follow-up) and a physician acknowledging a thrombus on a final study. Every
other column, including any added later, is locked: on PostgreSQL the trigger
compares the whole row minus the open columns; on SQLite, which cannot turn a row
into a value, the trigger lists the table's columns as they are when it is
installed, and every migrate installs it again (``reinstall_after_migrate``).
Addenda, the one way a signed note grows, are added to signed notes only and never
changed or removed.

A refused change raises ``restrict_violation`` on PostgreSQL and
``SQLITE_CONSTRAINT_TRIGGER`` on SQLite: ``django.db.IntegrityError`` on both.
"""

from dataclasses import dataclass

from django.db.backends.base.base import BaseDatabaseWrapper


@dataclass(frozen=True)
class SignedRecord:
    """A table whose rows lock once ``status`` reaches ``locked_status``."""

    table: str
    locked_status: str
    what: str  # for the error message: "signed evaluation note"


@dataclass(frozen=True)
class RecordPart:
    """A table whose rows belong to a ``SignedRecord`` and lock with it."""

    table: str
    parent: SignedRecord
    parent_column: str


EVALUATION = SignedRecord("evaluations_evaluation", "signed", "signed evaluation note")
PLAN = SignedRecord("evaluations_treatmentplan", "signed", "signed treatment plan")
STUDY = SignedRecord("evaluations_duplexstudy", "final", "final duplex study")

RECORDS = (EVALUATION, PLAN, STUDY)
PARTS = (
    RecordPart("evaluations_legassessment", EVALUATION, "evaluation_id"),
    RecordPart("evaluations_planitem", PLAN, "plan_id"),
    RecordPart("evaluations_segmentfinding", STUDY, "study_id"),
    RecordPart("evaluations_diagnosis", EVALUATION, "evaluation_id"),
)
ADDENDUM_TABLE = "evaluations_addendum"

# The only columns that change after signing, by name. Plan items: the status (the
# prior authorization lives in its own table, PriorAuthorization), the booked
# procedure and its post-ablation duplex, done on a date, followed up (PlanItem.move_to, services.schedule_procedure and
# complete_procedure, services.finalize_study). Findings: the physician who
# acknowledged a thrombus alert and when (SegmentFinding.acknowledge).
OPEN_COLUMNS: dict[str, tuple[str, ...]] = {
    "evaluations_planitem": (
        "status",
        "done_on",
        "appointment_id",
        "follow_up_appointment_id",
        "updated_at",
    ),
    "evaluations_segmentfinding": ("acknowledged_by_id", "acknowledged_at"),
}


def open_columns(table: str) -> tuple[str, ...]:
    return OPEN_COLUMNS.get(table, ())


def trigger_names(table: str) -> list[str]:
    return [f"{table}_locked", f"{table}_locked_insert", f"{table}_locked_update", f"{table}_locked_delete"]


# ---------------------------------------------------------------------------
# PostgreSQL: one function per table, compared as jsonb minus the open columns
# ---------------------------------------------------------------------------
def _pg_array(columns: tuple[str, ...]) -> str:
    return "ARRAY[" + ", ".join(f"'{c}'" for c in columns) + "]::text[]"


def _pg_refusal(what: str, key: str) -> str:
    # Names the changed columns, so whoever hits it knows what was refused.
    return f"""RAISE EXCEPTION USING
            ERRCODE = 'restrict_violation',
            MESSAGE = format('%s %s of a {what} refused', TG_OP, TG_TABLE_NAME),
            DETAIL = format('row %s; changed: %s', {key}, coalesce(changed, 'none'));"""


_PG_CHANGED = """
    IF TG_OP = 'UPDATE' THEN
        SELECT string_agg(n.key, ', ' ORDER BY n.key) INTO changed
        FROM jsonb_each(to_jsonb(NEW) - {open}) AS n
        WHERE n.value IS DISTINCT FROM (to_jsonb(OLD) - {open}) -> n.key;
    END IF;"""


def _pg_trigger(table: str, events: str, body: str) -> list[str]:
    return [
        f"""
CREATE OR REPLACE FUNCTION {table}_locked() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    changed text;
    parent_status text;
BEGIN{body}
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$""",
        f"CREATE TRIGGER {table}_locked BEFORE {events} ON {table} FOR EACH ROW EXECUTE FUNCTION {table}_locked()",
    ]


def _pg_record(record: SignedRecord) -> list[str]:
    body = f"""
    IF OLD.status = '{record.locked_status}' THEN{_PG_CHANGED.format(open=_pg_array(open_columns(record.table)))}
        IF TG_OP = 'DELETE' OR changed IS NOT NULL THEN
            {_pg_refusal(record.what, "OLD.id")}
        END IF;
    END IF;"""
    return _pg_trigger(record.table, "UPDATE OR DELETE", body)


def _pg_part(part: RecordPart) -> list[str]:
    parent, fk = part.parent, part.parent_column
    # FOR SHARE on the parent row: a signing in flight is waited for (and then seen),
    # and a signing that starts later waits until this change has committed, so no
    # part slips in or out of a record while it is being signed.
    body = f"""{_PG_CHANGED.format(open=_pg_array(open_columns(part.table)))}
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        SELECT status INTO parent_status FROM {parent.table} WHERE id = OLD.{fk} FOR SHARE;
        IF parent_status = '{parent.locked_status}' AND (TG_OP = 'DELETE' OR changed IS NOT NULL) THEN
            {_pg_refusal(parent.what, "OLD.id")}
        END IF;
    END IF;
    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.{fk} IS DISTINCT FROM OLD.{fk}) THEN
        SELECT status INTO parent_status FROM {parent.table} WHERE id = NEW.{fk} FOR SHARE;
        IF parent_status = '{parent.locked_status}' THEN
            {_pg_refusal(parent.what, "NEW.id")}
        END IF;
    END IF;"""
    return _pg_trigger(part.table, "INSERT OR UPDATE OR DELETE", body)


def _pg_addendum() -> list[str]:
    body = f"""
    IF TG_OP = 'INSERT' THEN
        SELECT status INTO parent_status FROM {EVALUATION.table} WHERE id = NEW.evaluation_id FOR SHARE;
        IF parent_status IS DISTINCT FROM 'signed' THEN
            RAISE EXCEPTION USING ERRCODE = 'restrict_violation',
                MESSAGE = 'an addendum is added to a signed note only';
        END IF;
    ELSE
        {_pg_refusal("addendum", "OLD.id")}
    END IF;"""
    return _pg_trigger(ADDENDUM_TABLE, "INSERT OR UPDATE OR DELETE", body)


def _pg_drop(table: str) -> list[str]:
    return [f"DROP TRIGGER IF EXISTS {table}_locked ON {table}", f"DROP FUNCTION IF EXISTS {table}_locked()"]


# ---------------------------------------------------------------------------
# SQLite: WHEN clauses over the table's columns as installed
# ---------------------------------------------------------------------------
def _sqlite_changed(connection: BaseDatabaseWrapper, table: str) -> str:
    with connection.cursor() as cursor:
        columns = [c.name for c in connection.introspection.get_table_description(cursor, table)]
    locked = [c for c in columns if c not in open_columns(table)]
    return "(" + " OR ".join(f'OLD."{c}" IS NOT NEW."{c}"' for c in locked) + ")"


def _sqlite_trigger(table: str, suffix: str, event: str, when: str, message: str) -> str:
    return (
        f'CREATE TRIGGER "{table}_locked_{suffix}" BEFORE {event} ON "{table}"\n'
        f"WHEN {when}\nBEGIN\n    SELECT RAISE(ABORT, '{message}');\nEND"
    )


def _sqlite_record(connection: BaseDatabaseWrapper, record: SignedRecord) -> list[str]:
    table, locked = record.table, f"OLD.status = '{record.locked_status}'"
    changed = _sqlite_changed(connection, table)
    return [
        _sqlite_trigger(table, "update", "UPDATE", f"{locked} AND {changed}", f"UPDATE of a {record.what} refused"),
        _sqlite_trigger(table, "delete", "DELETE", locked, f"DELETE of a {record.what} refused"),
    ]


def _sqlite_part(connection: BaseDatabaseWrapper, part: RecordPart) -> list[str]:
    table, parent = part.table, part.parent

    def locked(row: str) -> str:
        status = f'(SELECT status FROM "{parent.table}" WHERE id = {row}."{part.parent_column}")'
        return f"{status} = '{parent.locked_status}'"

    changed = _sqlite_changed(connection, table)
    return [
        _sqlite_trigger(table, "insert", "INSERT", locked("NEW"), f"INSERT {table} into a {parent.what} refused"),
        _sqlite_trigger(
            table,
            "update",
            "UPDATE",
            f"({locked('OLD')} OR {locked('NEW')}) AND {changed}",
            f"UPDATE {table} of a {parent.what} refused",
        ),
        _sqlite_trigger(table, "delete", "DELETE", locked("OLD"), f"DELETE {table} of a {parent.what} refused"),
    ]


def _sqlite_addendum() -> list[str]:
    table = ADDENDUM_TABLE
    signed = f"(SELECT status FROM \"{EVALUATION.table}\" WHERE id = NEW.evaluation_id) IS NOT 'signed'"
    return [
        _sqlite_trigger(table, "insert", "INSERT", signed, "an addendum is added to a signed note only"),
        _sqlite_trigger(table, "update", "UPDATE", "1", "UPDATE of an addendum refused"),
        _sqlite_trigger(table, "delete", "DELETE", "1", "DELETE of an addendum refused"),
    ]


def _sqlite_drop(table: str) -> list[str]:
    return [f'DROP TRIGGER IF EXISTS "{name}"' for name in trigger_names(table)]


# ---------------------------------------------------------------------------
# What the migrations call
# ---------------------------------------------------------------------------
ALL_TABLES = [*(r.table for r in RECORDS), *(p.table for p in PARTS), ADDENDUM_TABLE]


def _existing(connection: BaseDatabaseWrapper) -> set[str]:
    # A migration older than a part's table installs the triggers before that table exists;
    # the part's own migration installs them again once it does.
    with connection.cursor() as cursor:
        return set(connection.introspection.table_names(cursor))


def install(connection: BaseDatabaseWrapper) -> None:
    """(Re)create every lock trigger for the tables as they are now; safe to run again."""
    uninstall(connection)
    tables = _existing(connection)
    records = [r for r in RECORDS if r.table in tables]
    parts = [p for p in PARTS if p.table in tables and p.parent.table in tables]
    if connection.vendor == "postgresql":
        statements = [
            *(s for r in records for s in _pg_record(r)),
            *(s for p in parts for s in _pg_part(p)),
            *_pg_addendum(),
        ]
    elif connection.vendor == "sqlite":
        statements = [
            *(s for r in records for s in _sqlite_record(connection, r)),
            *(s for p in parts for s in _sqlite_part(connection, p)),
            *_sqlite_addendum(),
        ]
    else:
        return
    _execute(connection, statements)


def uninstall(connection: BaseDatabaseWrapper) -> None:
    drop = {"postgresql": _pg_drop, "sqlite": _sqlite_drop}.get(connection.vendor)
    if drop is not None:
        tables = _existing(connection)
        _execute(connection, [statement for table in ALL_TABLES if table in tables for statement in drop(table)])


def _execute(connection: BaseDatabaseWrapper, statements: list[str]) -> None:
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


# ---------------------------------------------------------------------------
# Append-only tables: a row is written once, never changed or removed
# ---------------------------------------------------------------------------
# Wells assessments: a correction is a new row (evaluations.models.wells).
APPEND_ONLY_TABLES = ("evaluations_wellsassessment",)
APPEND_ONLY_INSTALLED_BY = "0007_wells_assessment"


def _append_only_statements(connection: BaseDatabaseWrapper, table: str) -> list[str]:
    message = f"{table} is append-only: enter a new row to correct one"
    if connection.vendor == "postgresql":
        body = f"""
    RAISE EXCEPTION USING ERRCODE = 'restrict_violation', MESSAGE = format('%s refused: {message}', TG_OP);"""
        return _pg_trigger(table, "UPDATE OR DELETE", body)
    if connection.vendor == "sqlite":
        return [
            _sqlite_trigger(table, "update", "UPDATE", "1", f"UPDATE refused: {message}"),
            _sqlite_trigger(table, "delete", "DELETE", "1", f"DELETE refused: {message}"),
        ]
    return []


def install_append_only(connection: BaseDatabaseWrapper) -> None:
    uninstall_append_only(connection)
    _execute(connection, [s for table in APPEND_ONLY_TABLES for s in _append_only_statements(connection, table)])


def uninstall_append_only(connection: BaseDatabaseWrapper) -> None:
    drop = {"postgresql": _pg_drop, "sqlite": _sqlite_drop}.get(connection.vendor)
    if drop is not None:
        _execute(connection, [statement for table in APPEND_ONLY_TABLES for statement in drop(table)])


def reinstall_after_migrate(*, using: str, **kwargs: object) -> None:
    """SQLite rebuilds a table for most schema changes, and a rebuilt table has lost its
    triggers; so every migrate on SQLite ends by installing them over the columns as
    they are then. PostgreSQL keeps triggers through ALTER TABLE and compares whole rows."""
    from django.db import connections
    from django.db.migrations.recorder import MigrationRecorder

    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    applied = MigrationRecorder(connection).applied_migrations()
    if ("evaluations", INSTALLED_BY) in applied:
        install(connection)
    if ("evaluations", APPEND_ONLY_INSTALLED_BY) in applied:
        install_append_only(connection)


INSTALLED_BY = "0006_signed_records_locked"
