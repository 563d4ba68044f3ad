"""Audit helpers for views. Creates, changes and deletes are recorded by
django-auditlog for every registered model; reads of PHI are recorded here."""

from typing import Any

from auditlog.signals import accessed


def log_access(instance: Any) -> None:
    """Record that the current user (from the audit middleware) opened ``instance``.

    The model must be registered with auditlog.registry.auditlog.
    """
    accessed.send(sender=instance.__class__, instance=instance)
