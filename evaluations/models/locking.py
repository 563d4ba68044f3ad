"""Signed and final records refuse change in Python, with a message, before the trigger has to.

A signed note, a signed plan and a final duplex study keep every column as signed,
and so do their parts (leg assessments, plan items, segment findings), except the
columns evaluations.triggers.OPEN_COLUMNS names. The database copy decides whether
a record is locked, never the instance in hand: a stale form must not overwrite a
signature. The triggers in evaluations/triggers.py enforce the same rule for every
path this module cannot see (raw SQL, ``_base_manager``, ``Model.delete`` on the base
class).
"""

from collections.abc import Iterable
from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from evaluations import triggers


class RecordLocked(ValidationError):
    """A signed or final record, or a part of one, was about to change."""

    def __init__(self, message: str) -> None:
        super().__init__(message)


class LockedQuerySet(models.QuerySet):
    """Bulk paths skip save() and delete(), so they ask the lock too."""

    def update(self, **kwargs: Any) -> int:
        self.model.refuse_bulk_update(self, kwargs)
        return super().update(**kwargs)

    update.alters_data = True

    def delete(self) -> tuple[int, dict[str, int]]:
        if self.filter(self.model.locked_q()).exists():
            raise self.model.locked_error()
        return super().delete()

    delete.alters_data = True
    delete.queryset_only = True

    def bulk_update(self, objs: Iterable, fields: Iterable[str], *args: Any, **kwargs: Any) -> int:
        # Asked before Django opens its own atomic block, so a refusal leaves the caller's transaction usable.
        objs, fields = list(objs), list(fields)
        self.model.refuse_bulk_update(
            self.filter(pk__in=[obj.pk for obj in objs]), dict.fromkeys(fields), moved_to=objs
        )
        return super().bulk_update(objs, fields, *args, **kwargs)

    bulk_update.alters_data = True

    def bulk_create(self, objs: Iterable, *args: Any, **kwargs: Any) -> list:
        objs = list(objs)
        parent = self.model.lock_parent_field()
        if parent is not None:
            self.model.refuse_if_parents_locked({getattr(obj, parent.attname) for obj in objs})
        return super().bulk_create(objs, *args, **kwargs)


class LockedWhenSigned(models.Model):
    """A record (``lock_parent`` None) or a part of one (``lock_parent`` names its record)."""

    lock_parent: ClassVar[str | None] = None
    locked_status: ClassVar[str] = "signed"
    locked_message: ClassVar[str]
    locked_error_class: ClassVar[type[RecordLocked]] = RecordLocked

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.refuse_locked_change(kwargs.get("update_fields"))
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        if self.pk is not None and type(self)._base_manager.filter(self.locked_q(), pk=self.pk).exists():
            raise self.locked_error()
        return super().delete(*args, **kwargs)

    # -- what is locked ------------------------------------------------------
    @classmethod
    def lock_parent_field(cls) -> models.ForeignKey | None:
        return cls._meta.get_field(cls.lock_parent) if cls.lock_parent else None

    @classmethod
    def locked_status_of_record(cls) -> str:
        parent = cls.lock_parent_field()
        return parent.related_model.locked_status if parent is not None else cls.locked_status

    @classmethod
    def locked_q(cls) -> Q:
        prefix = f"{cls.lock_parent}__" if cls.lock_parent else ""
        return Q(**{f"{prefix}status": cls.locked_status_of_record()})

    @classmethod
    def open_field_names(cls) -> set[str]:
        """Field names and column names that may still change on a locked row."""
        columns = set(triggers.open_columns(cls._meta.db_table))
        return {name for f in cls._meta.concrete_fields if f.column in columns for name in (f.name, f.attname)}

    @classmethod
    def locked_error(cls) -> RecordLocked:
        return cls.locked_error_class(cls.locked_message)

    @classmethod
    def refuse_if_parents_locked(cls, parent_ids: set) -> None:
        parent = cls.lock_parent_field()
        ids = {i for i in parent_ids if i is not None}
        if ids and parent.related_model._base_manager.filter(pk__in=ids, status=cls.locked_status_of_record()).exists():
            raise cls.locked_error()

    @classmethod
    def refuse_bulk_update(cls, queryset: models.QuerySet, changes: dict[str, Any], moved_to: list = ()) -> None:
        """``changes`` as ``update()`` takes them; ``moved_to`` the instances ``bulk_update()`` writes."""
        if set(changes) <= cls.open_field_names():
            return
        if queryset.filter(cls.locked_q()).exists():
            raise cls.locked_error()
        parent = cls.lock_parent_field()
        if parent is None or not {parent.name, parent.attname} & set(changes):
            return
        # An F() expression as the new record is left to the trigger.
        targets = {changes.get(parent.name), changes.get(parent.attname)}
        targets |= {getattr(obj, parent.attname) for obj in moved_to}
        cls.refuse_if_parents_locked({t for t in (getattr(t, "pk", t) for t in targets) if isinstance(t, int)})

    def refuse_locked_change(self, update_fields: Iterable[str] | None = None) -> None:
        cls = type(self)
        parent = cls.lock_parent_field()
        if self._state.adding:
            if parent is not None:
                cls.refuse_if_parents_locked({getattr(self, parent.attname)})
            return
        open_names = cls.open_field_names()
        wanted = set(update_fields) if update_fields is not None else None
        fields = [
            f
            for f in cls._meta.concrete_fields
            if not f.primary_key and f.name not in open_names and (wanted is None or {f.name, f.attname} & wanted)
        ]
        if not fields:
            return
        status = f"{cls.lock_parent}__status" if parent is not None else "status"
        columns = dict.fromkeys([status, *(f.attname for f in fields)])
        stored = cls._base_manager.filter(pk=self.pk).values(*columns).first()
        if stored is None:
            return
        if stored[status] != cls.locked_status_of_record():
            # Not locked where it is; a part may still not move into a locked record.
            if parent in fields and stored[parent.attname] != getattr(self, parent.attname):
                cls.refuse_if_parents_locked({getattr(self, parent.attname)})
            return
        if any(
            getattr(f, "auto_now", False) or f.to_python(stored[f.attname]) != f.to_python(getattr(self, f.attname))
            for f in fields
        ):
            raise self.locked_error()
