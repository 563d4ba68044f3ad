"""Reading a schedule is reading PHI: one access entry per patient shown, in one insert."""

from collections.abc import Iterable

from clinic.audit import log_access_many
from scheduling.models import Appointment


def log_access_to_patients(appointments: Iterable[Appointment]) -> None:
    """Like clinic.audit.log_access for each patient, without a query per row (list pages stay flat)."""
    log_access_many(a.patient for a in appointments)
