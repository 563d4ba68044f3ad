import datetime

from django.utils import timezone

from tests.authz import ADMIN, FRONT_DESK, STAFF, Case, staff_only
from tests.factories import OfficeFactory
from tests.factories.scheduling import AppointmentFactory, WaitlistEntryFactory, sonographer_at

DESK = [FRONT_DESK, ADMIN]
TODAY = lambda user: {"slug": OfficeFactory().slug, "day": timezone.localdate().isoformat()}  # noqa: E731


def appointment(user) -> dict:
    return {"pk": AppointmentFactory().pk}


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
    Case("scheduling:provider_week", staff_only(*STAFF), kwargs=week),
    Case("scheduling:slot_finder", staff_only(*STAFF)),
    Case("scheduling:book", staff_only(*DESK)),
    Case("scheduling:appointment_detail", staff_only(*STAFF), kwargs=appointment),
    Case(
        "scheduling:appointment_status",
        staff_only(*STAFF, ok=302),
        kwargs=appointment,
        method="post",
        data=lambda user: {"status": "completed"},
        note="an unfinished visit cannot be completed: a message, then back to the appointment",
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
