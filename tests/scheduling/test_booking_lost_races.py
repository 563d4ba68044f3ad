"""A booking that loses a database race (a deadlock, a serialization failure) is tried again a
few times, and past that the desk gets a worded conflict, never a server error."""

import pytest
from django.db import OperationalError

from scheduling.exceptions import BookingConflict
from scheduling.models import Appointment
from scheduling.services import book_appointment, booking, reschedule_appointment
from tests.clock import days_ahead
from tests.factories import PatientFactory
from tests.factories.scheduling import appointment_type
from tests.scheduling.conftest import at

pytestmark = pytest.mark.django_db


class PostgresError(Exception):
    def __init__(self, sqlstate: str) -> None:
        super().__init__(sqlstate)
        self.sqlstate = sqlstate


def losing(times: int, sqlstate: str = "40P01"):
    """A stand-in for the reminders step that PostgreSQL rolls back ``times`` times, as in a race."""
    real = booking.schedule_appointment_reminders
    calls = []

    def schedule(**kwargs):
        calls.append(sqlstate)
        if len(calls) <= times:
            error = OperationalError("deadlock detected" if sqlstate == "40P01" else "could not serialize access")
            error.__cause__ = PostgresError(sqlstate)
            raise error
        return real(**kwargs)

    return schedule, calls


@pytest.fixture(autouse=True)
def _no_pauses(monkeypatch):
    monkeypatch.setattr(booking.time, "sleep", lambda seconds: None)


@pytest.mark.parametrize("sqlstate", ["40P01", "40001"])
def test_a_booking_that_loses_a_race_twice_is_booked_on_the_next_try(duplex_day, front_desk, monkeypatch, sqlstate):
    schedule, calls = losing(2, sqlstate)
    monkeypatch.setattr(booking, "schedule_appointment_reminders", schedule)
    appointment = book_appointment(
        patient=PatientFactory(), appointment_type=appointment_type("duplex"), office=duplex_day[0],
        start=at(days_ahead(2), 9), by=front_desk,
    )  # fmt: skip
    assert len(calls) == 3
    assert Appointment.objects.get() == appointment
    assert appointment.reminders.count() > 0


def test_a_booking_that_keeps_losing_races_gets_the_worded_busy_answer_with_other_times(
    duplex_day, front_desk, monkeypatch
):
    schedule, calls = losing(99)
    monkeypatch.setattr(booking, "schedule_appointment_reminders", schedule)
    with pytest.raises(BookingConflict) as refused:
        book_appointment(
            patient=PatientFactory(), appointment_type=appointment_type("duplex"), office=duplex_day[0],
            start=at(days_ahead(2), 9), by=front_desk,
        )  # fmt: skip
    assert len(calls) == booking.BOOKING_ATTEMPTS
    assert "please try again" in refused.value.message
    assert 0 < len(refused.value.next_slots) <= booking.ALTERNATIVES
    assert not Appointment.objects.exists()


def test_a_move_that_loses_a_race_is_made_on_the_next_try(duplex_day, front_desk, monkeypatch):
    appointment = book_appointment(
        patient=PatientFactory(), appointment_type=appointment_type("duplex"), office=duplex_day[0],
        start=at(days_ahead(2), 9), by=front_desk,
    )  # fmt: skip
    real = booking.move_appointment_reminders
    calls = []

    def move(**kwargs):
        calls.append(1)
        if len(calls) == 1:
            error = OperationalError("deadlock detected")
            error.__cause__ = PostgresError("40P01")
            raise error
        return real(**kwargs)

    monkeypatch.setattr(booking, "move_appointment_reminders", move)
    reschedule_appointment(appointment=appointment, start=at(days_ahead(2), 11), by=front_desk)
    assert len(calls) == 2
    appointment.refresh_from_db()
    assert appointment.start == at(days_ahead(2), 11)


def test_the_booking_page_answers_a_lost_race_with_the_worded_conflict_not_a_server_error(
    duplex_day, front_desk_client, monkeypatch
):
    schedule, _ = losing(99)
    monkeypatch.setattr(booking, "schedule_appointment_reminders", schedule)
    office, provider, room = duplex_day
    page = front_desk_client.post(
        "/scheduling/book/",
        {"type": "duplex", "office": office.slug, "start": at(days_ahead(2), 9).isoformat(),
         "provider": provider.pk, "room": room.pk, "patient": PatientFactory().pk},
    )  # fmt: skip
    assert page.status_code == 409
    assert "please try again" in page.content.decode()


def test_other_errors_are_not_retried(duplex_day, front_desk, monkeypatch):
    calls = []

    def broken(**kwargs):
        calls.append(1)
        raise OperationalError("disk full")

    monkeypatch.setattr(booking, "schedule_appointment_reminders", broken)
    with pytest.raises(OperationalError):
        book_appointment(
            patient=PatientFactory(), appointment_type=appointment_type("duplex"), office=duplex_day[0],
            start=at(days_ahead(2), 9), by=front_desk,
        )  # fmt: skip
    assert len(calls) == 1
