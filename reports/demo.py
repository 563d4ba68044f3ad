"""Demo: a practice manager login, and twelve weeks of past visits at Danville for the dashboard to show.

Idempotent: the history is written once (its visits carry HISTORY_NOTE), the login refreshed.
"""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from clinic.demo import DEMO_PASSWORD, _demo_authenticator
from clinic.models import Office, Room, StaffProfile
from clinic.roles import Role
from intake.models import Patient
from scheduling.models import Appointment, AppointmentEvent, AppointmentType, Reminder, ReminderStatus, Status

HISTORY_NOTE = "Demo history"
WEEKS = 12


@transaction.atomic
def load_demo() -> dict[str, int]:
    manager, created = get_user_model().objects.get_or_create(
        username="manager",
        defaults={"first_name": "Mara", "last_name": "Nguyen", "email": "manager@veinflow.invalid"},
    )
    if created:
        manager.set_password(DEMO_PASSWORD)
        manager.save(update_fields=["password"])
    manager.groups.add(Group.objects.get(name=Role.PRACTICE_MANAGER.value))
    _demo_authenticator(manager)
    return {"practice manager": 1, "past visits": _past_visits()}


def _past_visits() -> int:
    """Three duplex scans each Monday, Wednesday and Friday morning, most kept, some missed or cancelled."""
    office = Office.objects.filter(slug="danville").first()
    provider = StaffProfile.objects.filter(user__username="sonographer").first()
    desk = get_user_model().objects.filter(username="frontdesk").first()
    room = Room.objects.filter(office=office, kind=Room.Kind.ULTRASOUND).first()
    patients = list(Patient.objects.order_by("pk")[:6])
    if None in (office, provider, desk, room) or not patients:
        return 0
    if Appointment.objects.filter(office=office, notes=HISTORY_NOTE).exists():
        return 0
    kind = AppointmentType.objects.get(code="duplex")
    today = timezone.now().astimezone(office.zone).date()
    made = 0
    for back in range(WEEKS * 7, 0, -1):
        day = today - datetime.timedelta(days=back)
        if day.weekday() not in (0, 2, 4):
            continue
        for hour in (8, 9, 10):
            start = datetime.datetime.combine(day, datetime.time(hour), tzinfo=office.zone)
            status = Status.NO_SHOW if made % 10 == 3 else Status.CANCELLED if made % 13 == 5 else Status.COMPLETED
            visit = Appointment.objects.create(
                patient=patients[made % len(patients)],
                appointment_type=kind,
                office=office,
                provider=provider,
                room=room,
                start=start,
                end=start + datetime.timedelta(minutes=kind.duration_minutes),
                status=status,
                cancel_reason="Patient called" if status == Status.CANCELLED else "",
                notes=HISTORY_NOTE,
                booked_by=desk,
            )
            if status == Status.CANCELLED:
                ahead = datetime.timedelta(hours=3) if made % 2 else datetime.timedelta(days=2)
                AppointmentEvent.objects.create(
                    appointment=visit, from_status=Status.BOOKED, to_status=Status.CANCELLED, by=desk, at=start - ahead
                )
            failed = made % 17 == 0
            Reminder.objects.create(
                patient=visit.patient,
                office=office,
                appointment=visit,
                kind="reminder",
                channel="sms",
                offset_hours=24,
                due_at=start - datetime.timedelta(hours=24),
                status=ReminderStatus.FAILED if failed else ReminderStatus.SENT,
                sent_at=None if failed else start - datetime.timedelta(hours=24),
                provider_message_id="" if failed else f"demo-{made}",
                error="30006 landline" if failed else "",
            )
            made += 1
    return made
