import datetime

from django.utils import timezone

from tests.authz import ADMIN, FRONT_DESK, STAFF, Case, grid, staff_only
from tests.factories import OfficeFactory
from tests.factories.scheduling import AppointmentFactory, WaitlistEntryFactory, sonographer_at

DESK = [FRONT_DESK, ADMIN]
TODAY = lambda user: {"slug": OfficeFactory().slug, "day": timezone.localdate().isoformat()}  # noqa: E731


def appointment(user) -> dict:
    return {"pk": AppointmentFactory().pk}


def own_visit(user) -> dict:
    """For a provider, a visit they provide (only its provider of record or the desk closes it)."""
    profile = getattr(user, "staff_profile", None)
    return {"pk": (AppointmentFactory(provider=profile) if profile is not None else AppointmentFactory()).pk}


def week(user) -> dict:
    return {"pk": sonographer_at(OfficeFactory()).pk, "day": timezone.localdate().isoformat()}


def exception(user) -> dict:
    from scheduling.models import AvailabilityException

    office = OfficeFactory()
    day = timezone.localdate() + datetime.timedelta(days=3)
    return {"pk": AvailabilityException.objects.create(kind="office_closed", office=office, date=day, end_date=day).pk}


CASES = [
    Case("scheduling:calendar", staff_only(*STAFF, ok=302)),
    Case("scheduling:office_day", staff_only(*STAFF), kwargs=TODAY),
    Case("scheduling:offices_day", staff_only(*STAFF), kwargs=lambda user: {"day": timezone.localdate().isoformat()}),
    Case("scheduling:provider_week", staff_only(*STAFF), kwargs=week),
    Case("scheduling:slot_finder", staff_only(*STAFF)),
    Case("scheduling:book", staff_only(*DESK)),
    Case("scheduling:appointment_detail", staff_only(*STAFF), kwargs=appointment),
    Case(
        "scheduling:appointment_status",
        staff_only(*STAFF, ok=302),
        kwargs=own_visit,
        method="post",
        data=lambda user: {"status": "completed"},
        note="the provider of record or the desk; an unfinished visit cannot be completed: a message, then back",
    ),
    Case("scheduling:appointment_cancel", staff_only(*DESK), kwargs=appointment),
    Case(
        "scheduling:appointment_reschedule",
        staff_only(*DESK, ok=302),
        kwargs=appointment,
        method="post",
        note="an unreadable slot sends the desk back to the appointment",
    ),
    Case("scheduling:waitlist", staff_only(*DESK)),
    Case(
        "scheduling:waitlist_withdraw",
        staff_only(*DESK, ok=302),
        kwargs=lambda user: {"pk": WaitlistEntryFactory().pk},
        method="post",
    ),
    Case("scheduling:availability", staff_only(*STAFF)),
    Case("scheduling:availability_exception_delete", staff_only(ADMIN, ok=302), kwargs=exception, method="post"),
]


def reminder_link(user) -> dict:
    from scheduling.reminders.links import make_token

    booked = AppointmentFactory()
    return {"purpose": "confirm", "token": make_token(booked, "confirm")}


def failed_reminder(user) -> dict:
    from tests.factories.reminders import ReminderFactory

    return {"pk": ReminderFactory(status="failed", error="twilio 400 error 21211").pk}


def reschedule_request(user) -> dict:
    from scheduling.models import RescheduleRequest

    return {"pk": RescheduleRequest.objects.create(appointment=AppointmentFactory()).pk}


def a_patient(user) -> dict:
    from tests.factories import PatientFactory

    return {"pk": PatientFactory().pk}


CASES += [
    # The patient's own link: no login; the signed token is the permission, for whoever holds it.
    Case("scheduling:reminder_link", grid(200), kwargs=reminder_link, note="a valid confirm link, shown"),
    Case(
        "scheduling:sms_inbound",
        grid(403),
        method="post",
        data=lambda user: {"From": "+15035550100", "Body": "STOP"},
        note="unsigned: refused for everyone (the provider signs real ones)",
    ),
    Case("scheduling:reminder_attention", staff_only(*DESK)),
    Case("scheduling:reschedule_queue", staff_only(*DESK)),
    Case("scheduling:reminder_retry", staff_only(*DESK, ok=302), kwargs=failed_reminder, method="post"),
    Case("scheduling:reschedule_request_close", staff_only(*DESK, ok=302), kwargs=reschedule_request, method="post"),
    Case("scheduling:reminder_preferences", staff_only(*DESK), kwargs=a_patient),
]
