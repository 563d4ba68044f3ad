"""Reading a schedule is reading PHI: one access entry per patient shown, in one insert."""

from collections.abc import Iterable

from auditlog.context import auditlog_value
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from clinic.models import AuditEntry
from intake.models import Patient
from scheduling.models import Appointment


def log_access_to_patients(appointments: Iterable[Appointment]) -> None:
    """Like clinic.audit.log_access for each patient, without a query per row (list pages stay flat)."""
    patients = {a.patient_id: a.patient for a in appointments}
    if not patients:
        return
    try:
        context = auditlog_value.get()
    except LookupError:
        context = {}
    actor = context.get("actor")
    actor = actor if getattr(actor, "pk", None) else None
    content_type = ContentType.objects.get_for_model(Patient)
    now = timezone.now()
    AuditEntry.objects.bulk_create(
        AuditEntry(
            content_type=content_type,
            object_pk=str(pk),
            object_id=pk,
            object_repr=str(patient)[:255],
            action=AuditEntry.Action.ACCESS,
            changes=None,
            actor=actor,
            actor_email=getattr(actor, "email", None),
            remote_addr=context.get("remote_addr"),
            remote_port=context.get("remote_port"),
            timestamp=now,
        )
        for pk, patient in patients.items()
    )
