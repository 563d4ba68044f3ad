"""Demo schedules: every office has a sonographer and a physician on some weekdays.

The demo logins (sonographer, physician) work the first three offices; colleagues
without a login cover the others, so a newcomer finds free times wherever they look,
the Arizona office included (its hours are Arizona time).
"""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from clinic.models import Office, StaffProfile
from clinic.roles import Role
from clinic.validators import npi_check_digit
from intake.demo import PATIENTS as DEMO_PATIENTS
from intake.models import Patient
from scheduling.models import Appointment, AppointmentType, Availability
from scheduling.services import book_appointment, next_slots

MON_WED_FRI, TUE_THU, WEEKDAYS = (0, 2, 4), (1, 3), (0, 1, 2, 3, 4)
EIGHT, NOON, FOUR, FIVE = datetime.time(8), datetime.time(12), datetime.time(16), datetime.time(17)

# Colleagues without a login: (username, first name, last name, role, credentials, NPI prefix).
COLLEAGUES = [
    ("demo-sono-eastbay", "Elena", "Ruiz", Role.SONOGRAPHER, "RVT", ""),
    ("demo-sono-berkeley", "Marcus", "Lee", Role.SONOGRAPHER, "RVT", ""),
    ("demo-dr-eastbay", "Hannah", "Cole", Role.PHYSICIAN, "MD", "123456790"),
    ("demo-sono-portland", "Ines", "Park", Role.SONOGRAPHER, "RVT", ""),
    ("demo-sono-oregon", "Owen", "Hart", Role.SONOGRAPHER, "RVT", ""),
    ("demo-dr-oregon", "Rosa", "Lind", Role.PHYSICIAN, "MD", "123456791"),
    ("demo-sono-scottsdale", "Dana", "Reyes", Role.SONOGRAPHER, "RVT", ""),
    ("demo-dr-scottsdale", "Victor", "Amal", Role.PHYSICIAN, "MD", "123456792"),
]

# (username, office slug, weekdays, start, end), in the office's own time: a week a practice might run.
SESSIONS = [
    ("sonographer", "danville", MON_WED_FRI, EIGHT, FOUR),
    ("sonographer", "walnut-creek", TUE_THU, EIGHT, FOUR),
    ("physician", "danville", (0, 1), EIGHT, FIVE),
    ("physician", "lafayette", (2, 3), EIGHT, FIVE),
    ("physician", "walnut-creek", (4,), EIGHT, NOON),
    ("demo-sono-eastbay", "concord", MON_WED_FRI, EIGHT, FOUR),
    ("demo-sono-eastbay", "alameda", TUE_THU, EIGHT, FOUR),
    ("demo-sono-berkeley", "berkeley", MON_WED_FRI, EIGHT, FOUR),
    ("demo-sono-berkeley", "lafayette", TUE_THU, EIGHT, FOUR),
    ("demo-dr-eastbay", "concord", (0, 1), EIGHT, FIVE),
    ("demo-dr-eastbay", "alameda", (2, 3), EIGHT, FIVE),
    ("demo-dr-eastbay", "berkeley", (4,), EIGHT, FIVE),
    ("demo-sono-portland", "northwest-portland", MON_WED_FRI, EIGHT, FOUR),
    ("demo-sono-portland", "tigard", TUE_THU, EIGHT, FOUR),
    ("demo-sono-oregon", "happy-valley", MON_WED_FRI, EIGHT, FOUR),
    ("demo-sono-oregon", "hillsboro", TUE_THU, EIGHT, FOUR),
    ("demo-sono-oregon", "bend", (5,), EIGHT, NOON),
    ("demo-dr-oregon", "northwest-portland", (0,), EIGHT, FIVE),
    ("demo-dr-oregon", "tigard", (1,), EIGHT, FIVE),
    ("demo-dr-oregon", "happy-valley", (2,), EIGHT, FIVE),
    ("demo-dr-oregon", "hillsboro", (3,), EIGHT, FIVE),
    ("demo-dr-oregon", "bend", (4,), EIGHT, FIVE),
    ("demo-sono-scottsdale", "scottsdale", WEEKDAYS, EIGHT, FOUR),
    ("demo-dr-scottsdale", "scottsdale", WEEKDAYS, EIGHT, FIVE),
]
DEMO_START = datetime.date(2026, 1, 5)


def _colleagues() -> None:
    offices_of: dict[str, set[str]] = {}
    for username, slug, *_ in SESSIONS:
        offices_of.setdefault(username, set()).add(slug)
    users = get_user_model()
    for username, first, last, role, credentials, npi_prefix in COLLEAGUES:
        offices = list(Office.objects.filter(slug__in=offices_of[username]).order_by("name"))
        if not offices:
            continue
        user, created = users.objects.get_or_create(
            username=username, defaults={"first_name": first, "last_name": last, "is_active": True}
        )
        if created:
            user.set_unusable_password()  # a colleague on the calendar, not a login
            user.save(update_fields=["password"])
        user.groups.add(Group.objects.get(name=role.value))
        profile, _ = StaffProfile.objects.update_or_create(
            user=user,
            defaults={
                "home_office": offices[0],
                "credentials": credentials,
                "npi": npi_check_digit(npi_prefix) if npi_prefix else "",
            },
        )
        profile.offices.add(*offices)


@transaction.atomic
def load_demo() -> dict[str, int]:
    _colleagues()
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
    """Give each demo patient of intake.demo a consult and a duplex at Danville, so the calendar
    has a day to show. A patient who already has an upcoming visit is left alone (idempotent),
    and so are the patients with a treatment history (reports.demo): theirs is in the past."""
    office = Office.objects.filter(slug="danville").first()
    desk = get_user_model().objects.filter(username="frontdesk").first()
    if office is None or desk is None:
        return 0
    booked = 0
    upcoming = Appointment.objects.filter(start__gte=timezone.now()).values("patient")
    named = Q()
    for demo in DEMO_PATIENTS:
        named |= Q(first_name=demo["first_name"], last_name=demo["last_name"], date_of_birth=demo["date_of_birth"])
    for patient in Patient.objects.filter(named).exclude(pk__in=upcoming).order_by("pk")[:4]:
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
