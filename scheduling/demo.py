"""Demo schedules: the demo sonographer and physician see patients across three offices."""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from clinic.models import Office, StaffProfile
from intake.models import Patient
from scheduling.models import Appointment, AppointmentType, Availability
from scheduling.services import book_appointment, next_slots

# (username, office slug, weekdays, start, end): a week a small practice might run.
SESSIONS = [
    ("sonographer", "danville", (0, 2, 4), datetime.time(8), datetime.time(16)),
    ("sonographer", "walnut-creek", (1, 3), datetime.time(8), datetime.time(16)),
    ("physician", "danville", (0, 1), datetime.time(8), datetime.time(17)),
    ("physician", "lafayette", (2, 3), datetime.time(8), datetime.time(17)),
    ("physician", "walnut-creek", (4,), datetime.time(8), datetime.time(12)),
]
DEMO_START = datetime.date(2026, 1, 5)


@transaction.atomic
def load_demo() -> dict[str, int]:
    created = 0
    for username, slug, weekdays, start, end in SESSIONS:
        provider = StaffProfile.objects.filter(user__username=username).first()
        office = Office.objects.filter(slug=slug).first()
        if provider is None or office is None:
            continue
        for weekday in weekdays:
            _, made = Availability.objects.get_or_create(
                provider=provider,
                office=office,
                weekday=weekday,
                start_time=start,
                defaults={"end_time": end, "valid_from": DEMO_START},
            )
            created += made
    booked = _book_demo_visits()
    return {"weekly sessions": Availability.objects.count(), "new": created, "visits booked": booked}


def _book_demo_visits() -> int:
    """Give each demo patient a consult and a duplex at Danville, so the calendar has a day
    to show. A patient who already has an upcoming visit is left alone (idempotent)."""
    office = Office.objects.filter(slug="danville").first()
    desk = get_user_model().objects.filter(username="frontdesk").first()
    if office is None or desk is None:
        return 0
    booked = 0
    upcoming = Appointment.objects.filter(start__gte=timezone.now()).values("patient")
    for patient in Patient.objects.exclude(pk__in=upcoming).order_by("pk")[:4]:
        for code in ("new_consult", "duplex"):
            kind = AppointmentType.objects.get(code=code)
            slots = next_slots(appointment_type=kind, offices=[office], patient=patient, limit=1)
            if slots:
                slot = slots[0]
                book_appointment(
                    patient=patient,
                    appointment_type=kind,
                    office=office,
                    start=slot.start,
                    provider=slot.provider,
                    room=slot.room,
                    by=desk,
                )
                booked += 1
    return booked
