"""Below the models: the database itself refuses to change a signed note, a signed plan or a final study.

These paths skip every Python check (the base manager, ``Model.delete`` called on the
base class, raw SQL as a psql or sqlite3 session would send it), so what refuses them
is the trigger from evaluations/triggers.py, on PostgreSQL and on SQLite alike.
"""

import datetime
import threading
import time

import pytest
from django.db import IntegrityError, connection, connections, models, transaction

from evaluations import triggers
from evaluations.models import PlanItem, SegmentFinding
from evaluations.models.plans import ItemStatus
from tests.evaluations.locked_records import KINDS, PLAN, LockedKind, raw_delete, raw_update
from tests.factories.evaluations import PlanItemFactory, TreatmentPlanFactory, final_study, signed_plan
from tests.helpers import requires_postgres, requires_sqlite

pytestmark = pytest.mark.django_db

each_kind = pytest.mark.parametrize("kind", KINDS, ids=str)
SEEN_AT = datetime.datetime(2026, 3, 2, 9, 30, tzinfo=datetime.UTC)


def still_locked(record: models.Model) -> bool:
    return type(record).objects.filter(record.locked_q(), pk=record.pk).exists()


@each_kind
def test_the_database_refuses_unlocking_through_the_base_manager(kind: LockedKind) -> None:
    record = kind.build()
    with pytest.raises(IntegrityError), transaction.atomic():
        type(record)._base_manager.filter(pk=record.pk).update(**kind.unlock)
    assert still_locked(record)


@each_kind
def test_the_database_refuses_a_raw_sql_update(kind: LockedKind) -> None:
    record = kind.build()
    with pytest.raises(IntegrityError):
        raw_update(record, kind.unlock)
    assert still_locked(record)


@each_kind
def test_the_database_refuses_a_raw_sql_delete(kind: LockedKind) -> None:
    record = kind.build()
    with pytest.raises(IntegrityError):
        raw_delete(record)
    assert type(record).objects.filter(pk=record.pk).exists()


@each_kind
def test_the_database_refuses_model_delete_called_on_the_base_class(kind: LockedKind) -> None:
    record = kind.build()
    with pytest.raises(IntegrityError), transaction.atomic():
        models.Model.delete(record)
    assert type(record).objects.filter(pk=record.pk).exists()
    assert kind.part_of(record).pk


@each_kind
def test_the_database_refuses_changing_or_deleting_a_part(kind: LockedKind) -> None:
    part = kind.part_of(kind.build())
    with pytest.raises(IntegrityError), transaction.atomic():
        type(part)._base_manager.filter(pk=part.pk).update(**kind.part_change)
    with pytest.raises(IntegrityError):
        raw_update(part, kind.part_change)
    with pytest.raises(IntegrityError):
        raw_delete(part)
    stored = type(part).objects.get(pk=part.pk)
    assert all(getattr(stored, name) == getattr(part, name) for name in kind.part_change)


@each_kind
def test_the_database_refuses_a_new_part_in_a_locked_record(kind: LockedKind) -> None:
    record = kind.build()
    model = type(kind.new_part(record))
    with pytest.raises(IntegrityError), transaction.atomic():
        model._base_manager.bulk_create([kind.new_part(record)])
    assert model.objects.filter(**{kind.parent: record}).count() == 1


@each_kind
def test_the_database_refuses_moving_a_part_into_a_locked_record(kind: LockedKind) -> None:
    record = kind.build()
    part = kind.new_part(kind.draft())
    part.save()
    with pytest.raises(IntegrityError):
        raw_update(part, {kind.parent: record})


def test_the_database_lets_a_signed_plans_item_move_on_by_the_named_columns() -> None:
    item = PLAN.part_of(PLAN.build())
    raw_update(item, {"status": ItemStatus.AUTHORIZED})
    item.refresh_from_db()
    assert item.status == ItemStatus.AUTHORIZED


def test_the_database_lets_a_physician_acknowledge_a_thrombus_on_a_final_study(physician) -> None:
    finding = final_study(compressibility="none", thrombus="acute").findings.get()
    SegmentFinding._base_manager.filter(pk=finding.pk).update(acknowledged_by=physician, acknowledged_at=SEEN_AT)
    finding.refresh_from_db()
    assert finding.acknowledged_by == physician


def test_the_database_refuses_a_clinical_column_even_beside_an_open_one() -> None:
    item = signed_plan().items.get()
    with pytest.raises(IntegrityError):
        raw_update(item, {"status": ItemStatus.AUTHORIZED, "side": "L"})
    assert PlanItem.objects.get(pk=item.pk).side == "R"


@requires_sqlite
@pytest.mark.parametrize("table", [r.table for r in triggers.RECORDS] + [p.table for p in triggers.PARTS])
def test_sqlite_triggers_cover_every_column_of_a_locked_table(table: str) -> None:
    with connection.cursor() as cursor:
        columns = [c.name for c in connection.introspection.get_table_description(cursor, table)]
        cursor.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = %s", [f"{table}_locked_update"])
        found = cursor.fetchone()
    assert found, f"{table} has lost its lock triggers"
    uncovered = [
        c for c in columns if c not in triggers.open_columns(table) and f'OLD."{c}" IS NOT NEW."{c}"' not in found[0]
    ]
    assert not uncovered, f"{table}: the lock trigger misses {uncovered}"


@requires_sqlite
def test_a_migrate_puts_back_the_triggers_a_sqlite_table_rebuild_dropped() -> None:
    record = PLAN.build()
    triggers.uninstall(connection)
    raw_update(record, {"notes": "unguarded"})
    triggers.reinstall_after_migrate(using=connection.alias)
    with pytest.raises(IntegrityError):
        raw_update(record, {"notes": "guarded again"})


@requires_postgres
def test_postgres_names_the_columns_it_refused() -> None:
    item = signed_plan().items.get()
    with pytest.raises(IntegrityError) as refused:
        raw_update(item, {"status": ItemStatus.AUTHORIZED, "side": "L", "instructions": "x"})
    assert "signed treatment plan" in str(refused.value)
    assert refused.value.__cause__.diag.message_detail.endswith("changed: instructions, side")


@requires_postgres
@pytest.mark.django_db(transaction=True)
def test_a_part_added_while_its_record_is_being_signed_waits_for_the_signature_and_is_refused(physician) -> None:
    draft = TreatmentPlanFactory(created_by=physician)
    PlanItemFactory(plan=draft)
    outcome: list[str] = []

    def add_item() -> None:
        # The model's own check still sees a draft here; only the trigger can wait for the signature.
        try:
            PLAN.new_part(draft).save()
            outcome.append("added")
        except IntegrityError:
            outcome.append("refused by the database")
        finally:
            connections["default"].close()

    with transaction.atomic():
        draft.sign(physician)
        adder = threading.Thread(target=add_item)
        adder.start()
        wait_until_blocked_on_a_lock()
    adder.join(timeout=30)
    assert outcome == ["refused by the database"]
    assert PlanItem.objects.filter(plan=draft).count() == 1


def wait_until_blocked_on_a_lock() -> None:
    with connection.cursor() as cursor:
        for _ in range(300):
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                return
            time.sleep(0.05)
    raise AssertionError("the second transaction never waited for the signature")
