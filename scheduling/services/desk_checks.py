"""What a front desk would catch before booking: the same patient twice on one day, or the
same visit type again within a week. Not errors (a duplex and a consult on one day is common):
the booking page warns and books once the desk ticks "Book anyway"."""

import datetime

from clinic.models import Office
from intake.models import Patient
from scheduling.models import ACTIVE_STATUSES, Appointment, AppointmentType, local_day_bounds

REPEAT_WINDOW = datetime.timedelta(days=7)


def same_patient_warnings(
    *, patient: Patient, appointment_type: AppointmentType, office: Office, start: datetime.datetime
) -> list[str]:
    """Sentences for the desk, from one query over the patient's visits within a week either side."""
    day = start.astimezone(office.zone).date()
    first, last = local_day_bounds(day, office.zone)
    nearby = (
        Appointment.objects.filter(
            patient=patient,
            status__in=[s.value for s in ACTIVE_STATUSES],
            start__gt=start - REPEAT_WINDOW,
            start__lt=start + REPEAT_WINDOW,
        )
        .select_related("appointment_type", "office")
        .order_by("start")
    )
    warnings = []
    for other in nearby:
        when = f"{other.local_start:%a %-d %b %-I:%M %p} at {other.office.name}"
        if first <= other.start < last:
            warnings.append(f"{patient.full_name} is already booked that day: {other.appointment_type.name}, {when}.")
        elif other.appointment_type_id == appointment_type.pk:
            warnings.append(
                f"{patient.full_name} already has a {other.appointment_type.name.lower()} within a week: {when}."
            )
    return warnings
