"""What scheduling adds to the shared pages: menu items, panels and "Book" buttons.

Intake's pages never import scheduling; they show what is registered here.
"""

from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from clinic import navigation
from clinic.audit import log_access_many
from clinic.navigation import Action, NavItem, Panel
from clinic.roles import Role

STAFF = frozenset({Role.FRONT_DESK, Role.SONOGRAPHER, Role.PHYSICIAN, Role.CLINIC_ADMIN})
DESK = frozenset({Role.FRONT_DESK, Role.CLINIC_ADMIN})
UPCOMING_ON_CHART = 5
RECENT_REMINDERS = 6


def book_for_patient(patient: Any) -> str:
    return f"{reverse('scheduling:slot_finder')}?{urlencode({'patient': patient.pk})}"


def book_from_screening(screening: Any) -> str:
    """A screening may not have a registered patient yet; the booking page asks for one then."""
    params = {"screening": screening.pk}
    patient_id = getattr(screening, "patient_id", None)
    if patient_id:
        params["patient"] = patient_id
    return f"{reverse('scheduling:slot_finder')}?{urlencode(params)}"


def patient_appointments(request: HttpRequest, patient: Any) -> dict[str, Any]:
    from scheduling.models import Appointment

    # Only what the panel shows: the type's and the office's names, the office's zone. The calendar's
    # six-table join took PostgreSQL 1.4 ms to plan on bench P7's chart, more than any other query on it.
    upcoming = list(
        Appointment.objects.select_related("appointment_type", "office")
        .filter(patient=patient)
        .upcoming()[:UPCOMING_ON_CHART]
    )
    return {"appointments": upcoming, "patient": patient, "book_url": book_for_patient(patient)}


def todays_office(request: HttpRequest, obj: Any = None) -> dict[str, Any]:
    """The front desk's home office today: counts by status and what is next."""
    from clinic.models import StaffProfile
    from scheduling.models import Appointment, Status

    # The profile and its office in one query, and only the columns the panel shows: on the front
    # desk's home page these were three of its eleven queries (bench P2f).
    profile = StaffProfile.objects.select_related("home_office").filter(user_id=request.user.pk).first()
    office = profile.home_office if profile is not None else None
    if office is None:
        return {"office": None}
    day = timezone.now().astimezone(office.zone).date()
    rows = list(Appointment.objects.with_row_details().for_office_day(office, day))
    for row in rows:
        row.office = office
    counts = {status.label: sum(1 for a in rows if a.status == status) for status in Status}
    now = timezone.now()
    coming = [a for a in rows if a.is_active and a.status != Status.COMPLETED and a.end > now][:6]
    log_access_many(a.patient for a in coming)
    return {"office": office, "day": day, "counts": counts, "coming": coming, "total": len(rows)}


def my_day(request: HttpRequest, obj: Any = None) -> dict[str, Any]:
    """A provider's own appointments today, wherever they are."""
    from scheduling.models import Appointment, local_day_bounds

    profile = getattr(request.user, "staff_profile", None)
    if profile is None:
        return {"appointments": []}
    zone = profile.home_office.zone if profile.home_office_id else timezone.get_current_timezone()
    day = timezone.now().astimezone(zone).date()
    first, last = local_day_bounds(day, zone)
    rows = list(Appointment.objects.with_calendar_details().active().filter(provider=profile).overlapping(first, last))
    log_access_many(a.patient for a in rows)
    return {"appointments": rows, "profile": profile, "day": day}


def patient_reminders(request: HttpRequest, patient: Any) -> dict[str, Any]:
    """Preferences, warnings and the latest messages: three queries whatever the history."""
    from scheduling.models import Reminder
    from scheduling.reminders.dispatch import preference_of

    recent = list(Reminder.objects.filter(patient=patient).order_by("-due_at", "-pk")[:RECENT_REMINDERS])
    return {
        "patient": patient,
        "preference": preference_of(patient),
        "reminders": recent,
        # The same permission the preferences page asks for.
        "can_edit": request.user.has_perm("scheduling.change_contactpreference"),
    }


def register() -> None:
    navigation.register(NavItem("Calendar", "scheduling:calendar", STAFF, order=20))
    navigation.register(NavItem("Find a slot", "scheduling:slot_finder", STAFF, order=25))
    navigation.register(NavItem("Waitlist", "scheduling:waitlist", DESK, order=30))
    navigation.register(NavItem("Availability", "scheduling:availability", STAFF, order=35))
    navigation.register(NavItem("Reminders", "scheduling:reminder_attention", DESK, order=40))
    navigation.register(NavItem("Reschedule requests", "scheduling:reschedule_queue", DESK, order=33))
    navigation.register_panel(
        Panel(navigation.HOME, "scheduling/panels/office_today.html", frozenset({Role.FRONT_DESK}), todays_office, 10)
    )
    navigation.register_panel(
        Panel(
            navigation.HOME,
            "scheduling/panels/my_day.html",
            frozenset({Role.SONOGRAPHER, Role.PHYSICIAN}),
            my_day,
            10,
        )
    )
    navigation.register_panel(
        Panel(navigation.PATIENT_CHART, "scheduling/panels/patient_appointments.html", STAFF, patient_appointments, 20)
    )
    navigation.register_panel(
        Panel(navigation.PATIENT_CHART, "scheduling/panels/patient_reminders.html", STAFF, patient_reminders, 25)
    )
    navigation.register_action(Action(navigation.PATIENT_CHART, "Book appointment", book_for_patient, DESK, 10))
    navigation.register_action(Action(navigation.SCREENING, "Book appointment", book_from_screening, DESK, 10))
