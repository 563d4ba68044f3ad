"""Audit helpers. Creates, changes and deletes through ``save()``/``delete()`` are
recorded by django-auditlog for every registered model; everything else that touches
PHI is recorded here: reads (one record or a page of them) and bulk writes, which
skip the model signals auditlog listens to (45 CFR 164.312(b), audit controls)."""

import json
from collections.abc import Iterable
from typing import Any

from auditlog.signals import accessed
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models.signals import pre_save
from django.utils import timezone

# What the trail shows for a secret (a password hash): that it changed, never the value.
HIDDEN = "(not recorded)"


def hide_secret(value: str) -> str:
    """Mask for secret fields (auditlog ``mask_callable``): nothing of the value is kept."""
    return HIDDEN


def log_access(instance: Any) -> None:
    """Record that the current user (from the audit middleware) opened ``instance``.

    The model must be registered with auditlog.registry.auditlog.
    """
    accessed.send(sender=instance.__class__, instance=instance)


def _entry(instance: models.Model, action: int, changes: dict | None, now: Any) -> Any:
    """An unsaved entry, stamped with the actor and address as auditlog stamps its own.

    auditlog fills those in from a pre_save receiver that lives only while the audit
    middleware (or ``set_actor``) is active; ``bulk_create`` sends no pre_save, so it
    is sent here. Reading auditlog's context variable directly would not do: it keeps
    the last actor after the request ends.
    """
    from clinic.models import AuditEntry

    pk = instance.pk
    entry = AuditEntry(
        content_type=ContentType.objects.get_for_model(instance.__class__),
        object_pk=str(pk),
        object_id=pk if isinstance(pk, int) else None,
        object_repr=str(instance)[:255],
        action=action,
        changes=changes,
        timestamp=now,
    )
    pre_save.send(sender=AuditEntry, instance=entry, raw=False, using=None, update_fields=None)
    return entry


def log_access_many(instances: Iterable[models.Model], *, actor: Any = None) -> None:
    """``log_access`` for every record a list or search page shows, in one insert.

    One entry per record (not one per page), so "who opened this chart" finds list
    views too; the page stays flat in queries whatever it shows. ``actor`` names who
    read when it is not the signed-in user (an API client reading with its token).
    """
    from clinic.models import AuditEntry

    unique = {(type(i), i.pk): i for i in instances if i is not None and i.pk is not None}
    if not unique:
        return
    # One entry is stamped as auditlog stamps its own (actor, address, request id); every
    # row copies those stamps and differs only in which record it names.
    stamped = _entry(next(iter(unique.values())), AuditEntry.Action.ACCESS, None, timezone.now())
    if actor is not None:
        stamped.actor = actor
    _insert_reads(stamped, unique.values())


# The columns each access entry fills in for itself; every other column is the stamped entry's.
_PER_RECORD = ("content_type_id", "object_pk", "object_id", "object_repr")


def _insert_reads(stamped: models.Model, instances: Iterable[models.Model]) -> None:
    """One INSERT ... SELECT for a page's access entries: the stamps bound once, the records
    as four arrays (PostgreSQL) or one JSON list (SQLite).

    ``bulk_create`` prepared every field of every row in Python (sixteen columns, the
    client address parsed again per row): 100 entries took 20-27 ms, this 6-8 ms, measured
    side by side on the bench database (bench P2's 100 rows; what is left is the database's
    own work: five indexes and two foreign-key checks per row). The table's guarantees are the database's
    and stay in force: the append-only triggers, SQLite's timestamp check on INSERT, the
    foreign keys.
    """
    from django.db import connections, router

    from clinic.models import AuditEntry

    using = router.db_for_write(AuditEntry)
    connection = connections[using]
    meta = AuditEntry._meta
    stamps = [f for f in meta.concrete_fields if not f.primary_key and f.attname not in _PER_RECORD]
    columns = [
        *(f.column for f in stamps),
        *(meta.get_field(n).column for n in ("content_type", "object_pk", "object_id", "object_repr")),
    ]
    params = [f.get_db_prep_save(getattr(stamped, f.attname), connection) for f in stamps]
    records = [
        (
            ContentType.objects.get_for_model(type(instance)).pk,
            str(instance.pk),
            instance.pk if isinstance(instance.pk, int) else None,
            str(instance)[:255],
        )
        for instance in instances
    ]
    quote = connection.ops.quote_name
    into = f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(c) for c in columns)}) SELECT "
    stamp_values = ", ".join(["%s"] * len(stamps))
    if connection.vendor == "postgresql":
        sql = f"{into}{stamp_values}, r.ct, r.pk, r.id, r.repr FROM unnest(%s::integer[], %s::text[], %s::bigint[], %s::text[]) AS r(ct, pk, id, repr)"  # noqa: E501
        params += [list(column) for column in zip(*records, strict=True)]
    else:
        sql = (
            f"{into}{stamp_values}, json_extract(r.value, '$[0]'), json_extract(r.value, '$[1]'),"
            " json_extract(r.value, '$[2]'), json_extract(r.value, '$[3]') FROM json_each(%s) AS r"
        )
        params.append(json.dumps(records))
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _as_json(value: Any) -> Any:
    """A value as auditlog stores it (AUDITLOG_STORE_JSON_CHANGES): JSON types kept, the rest as text."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, models.Model):
        return value.pk
    return str(value)


def audited_update(queryset: models.QuerySet, **changes: Any) -> int:
    """``queryset.update(**changes)`` that leaves one audit entry per changed row.

    ``QuerySet.update()`` sends no signals, so auditlog never sees it. The rows are
    locked and read first, then updated by key with the same filter, then the entries
    go in one insert: three round trips whatever the number of rows. Fields the
    model's registration leaves out (bookkeeping such as ``updated_at``) are changed
    but not listed, as auditlog would do.
    """
    from auditlog.registry import auditlog

    from clinic.models import AuditEntry

    model = queryset.model
    excluded = set(auditlog.get_model_fields(model)["exclude_fields"]) if auditlog.contains(model) else set()
    tracked = [name for name in changes if name not in excluded]
    attnames = {name: model._meta.get_field(name).attname for name in tracked}
    # No savepoint of its own: inside a booking it adds no round trips.
    with transaction.atomic(using=queryset.db, savepoint=False):
        rows = list(queryset.select_for_update().order_by("pk"))
        if not rows:
            return 0
        updated = queryset.filter(pk__in=[row.pk for row in rows]).update(**changes)
        if not auditlog.contains(model):
            return updated
        now = timezone.now()
        entries = []
        for row in rows:
            diff = {}
            for name, attname in attnames.items():
                before, after = getattr(row, attname), changes[name]
                after = after.pk if isinstance(after, models.Model) else after
                if before != after:
                    diff[name] = [_as_json(before), _as_json(after)]
            if diff:
                entries.append(_entry(row, AuditEntry.Action.UPDATE, diff, now))
        AuditEntry.objects.bulk_create(entries)
    return updated


def log_bulk_changes(before: dict[Any, dict[str, Any]], rows: Iterable[models.Model], fields: Iterable[str]) -> None:
    """Audit entries for rows saved by ``bulk_update``, which sends no signals either.

    ``before`` maps each pk to its values as read before the change, by field name
    (a foreign key by its id).
    """
    from clinic.models import AuditEntry

    now = timezone.now()
    entries = []
    for row in rows:
        old = before.get(row.pk, {})
        diff = {}
        for name in fields:
            after = getattr(row, row._meta.get_field(name).attname)
            if old.get(name) != after:
                diff[name] = [_as_json(old.get(name)), _as_json(after)]
        if diff:
            entries.append(_entry(row, AuditEntry.Action.UPDATE, diff, now))
    AuditEntry.objects.bulk_create(entries)


def register(model: type, **options: Any) -> None:
    """Register ``model`` with the audit trail.

    Reverse one-to-one relations are left out: auditlog reads every field of a new
    record, and each reverse one-to-one is a query of its own on every create.
    They belong to the other record's trail anyway.
    """
    from auditlog.registry import auditlog

    reverse_one_to_one = [f.name for f in model._meta.get_fields() if f.one_to_one and not f.concrete]
    options["exclude_fields"] = [*options.get("exclude_fields", []), *reverse_one_to_one]
    auditlog.register(model, **options)
