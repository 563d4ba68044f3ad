"""Both 2026 transition days in Los Angeles: slots and the day view keep wall-clock times."""

import datetime

import pytest

from clinic.models import Room
from clinic.roles import Role
from scheduling.models import Appointment
from scheduling.services import find_slots
from tests.factories import OfficeFactory, RoomFactory, StaffFactory
from tests.factories.scheduling import AppointmentFactory, AvailabilityFactory, appointment_type
from tests.scheduling.conftest import at

pytestmark = pytest.mark.django_db

SPRING_FORWARD = datetime.date(2026, 3, 8)  # 02:00 PST becomes 03:00 PDT
FALL_BACK = datetime.date(2026, 11, 1)  # 02:00 PDT becomes 01:00 PST
NOW = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)


def office_open(day, start, end):
    office = OfficeFactory(name="Danville", slug="danville")
    provider = StaffFactory(role=Role.SONOGRAPHER, home_office=office, offices=[office])
    RoomFactory(office=office, kind=Room.Kind.ULTRASOUND)
    AvailabilityFactory(
        provider=provider,
        office=office,
        weekday=day.weekday(),
        start_time=start,
        end_time=end,
        valid_from=datetime.date(2026, 1, 1),
    )
    return office


def post_ablation_slots(office, day):
    return find_slots(
        appointment_type=appointment_type("post_ablation_duplex"),
        first_day=day,
        last_day=day,
        offices=[office],
        step_minutes=30,
        now=NOW,
    )


@pytest.mark.parametrize(("day", "utc_hour"), [(SPRING_FORWARD, 16), (FALL_BACK, 17)])
def test_the_first_slot_is_nine_in_the_morning_local_on_a_transition_day(day, utc_hour):
    office = office_open(day, datetime.time(9), datetime.time(12))
    first = post_ablation_slots(office, day)[0]
    assert first.local_start.strftime("%H:%M") == "09:00"
    assert first.start.hour == utc_hour


def test_a_session_across_the_spring_change_holds_two_real_hours():
    office = office_open(SPRING_FORWARD, datetime.time(1), datetime.time(4))
    slots = post_ablation_slots(office, SPRING_FORWARD)
    assert len(slots) == 4  # 01:00, 01:30, 03:00, 03:30: there is no 02:xx that night
    assert [s.local_start.strftime("%H:%M") for s in slots] == ["01:00", "01:30", "03:00", "03:30"]


def test_a_session_across_the_autumn_change_holds_four_real_hours():
    office = office_open(FALL_BACK, datetime.time(1), datetime.time(4))
    slots = post_ablation_slots(office, FALL_BACK)
    assert len(slots) == 8
    labels = [s.local_start.strftime("%H:%M %Z") for s in slots]
    assert labels[:4] == ["01:00 PDT", "01:30 PDT", "01:00 PST", "01:30 PST"]


@pytest.mark.parametrize("day", [SPRING_FORWARD, FALL_BACK])
def test_the_day_view_shows_a_nine_oclock_appointment_at_nine(front_desk_client, day):
    office = OfficeFactory(name="Danville", slug="danville")
    appointment = AppointmentFactory(office=office, start=at(day, 9), end=at(day, 9, 45))
    AppointmentFactory(
        office=office,
        start=at(day - datetime.timedelta(days=1), 23),
        end=at(day, 0) - datetime.timedelta(minutes=15) + datetime.timedelta(minutes=15),
    )
    response = front_desk_client.get(f"/calendar/danville/{day.isoformat()}/")
    assert response.status_code == 200
    rows = list(Appointment.objects.for_office_day(office, day))
    assert rows == [appointment], "the day holds its own appointments, none from the evening before"
    assert "9:00 AM" in response.content.decode()
