"""Closing an office or taking time off over booked visits: who is affected, and their reminders stop.

The desk sees the patients before the closure is saved (the availability page asks), and after
it each one is offered a new time or a call; until then no reminder asks them to confirm a visit
that cannot happen.
"""

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from scheduling.models import Appointment, AvailabilityException
from scheduling.models.appointments import MOVABLE
from scheduling.services.reminders import cancel_appointment_reminders

BLOCKING = (AvailabilityException.Kind.OFFICE_CLOSED, AvailabilityException.Kind.TIME_OFF)
# A closure longer than this is a leave or a move; the affected list covers its first weeks.
MAX_DAYS = 62


def affected_appointments(exception: AvailabilityException) -> list[Appointment]:
    """Booked or confirmed visits the (saved or unsaved) closure or time off falls on, earliest first."""
    if exception.kind not in BLOCKING or exception.date is None:
        return []
    who = Q()
    if exception.office_id is not None:
        who &= Q(office_id=exception.office_id)
    if exception.kind == AvailabilityException.Kind.TIME_OFF:
        who &= Q(provider_id=exception.provider_id)
    zone = exception.office.zone if exception.office_id else timezone.get_current_timezone()
    last = min(exception.end_date or exception.date, exception.date + datetime.timedelta(days=MAX_DAYS))
    when = Q()
    day = exception.date
    while day <= last:
        if exception.start_time is None:
            since = datetime.datetime.combine(day, datetime.time.min, tzinfo=zone)
            until = since + datetime.timedelta(days=1)
        else:
            since = datetime.datetime.combine(day, exception.start_time, tzinfo=zone)
            until = datetime.datetime.combine(day, exception.end_time, tzinfo=zone)
        when |= Q(start__lt=until, end__gt=since)
        day += datetime.timedelta(days=1)
    return list(
        Appointment.objects.with_calendar_details()
        .filter(who, when, status__in=[s.value for s in MOVABLE])
        .order_by("start")
    )


@transaction.atomic
def add_availability_exception(*, exception: AvailabilityException) -> list[Appointment]:
    """Save the exception; the visits it falls on stop getting reminders. Returns those visits."""
    exception.save()
    affected = affected_appointments(exception)
    for appointment in affected:
        cancel_appointment_reminders(appointment=appointment)
    return affected
