"""Audit helpers for views. Creates, changes and deletes are recorded by
django-auditlog for every registered model; reads of PHI are recorded here."""

from typing import Any

from auditlog.signals import accessed


def log_access(instance: Any) -> None:
    """Record that the current user (from the audit middleware) opened ``instance``.

    The model must be registered with auditlog.registry.auditlog.
    """
    accessed.send(sender=instance.__class__, instance=instance)


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
