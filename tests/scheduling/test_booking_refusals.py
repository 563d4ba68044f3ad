"""Bad requests are refused with a reason the front desk understands."""

import datetime

import pytest

from clinic.models import Room
from clinic.roles import Role
from scheduling.exceptions import BookingConflict, BookingRefused
from scheduling.forms import AvailabilityExceptionForm, AvailabilityForm
from scheduling.services import book_appointment
from tests.factories import OfficeFactory, PatientFactory, RoomFactory, StaffFactory
from tests.factories.scheduling import appointment_type
from tests.scheduling.conftest import at

pytestmark = pytest.mark.django_db


def book(front_desk, office, start, **kwargs):
    return book_appointment(
        patient=kwargs.pop("patient", None) or PatientFactory(),
        appointment_type=kwargs.pop("appointment_type", None) or appointment_type("duplex"),
        office=office,
        start=start,
        by=front_desk,
        **kwargs,
    )


def test_a_time_in_the_past_is_refused(front_desk, duplex_day):
    office, provider, room = duplex_day
    with pytest.raises(BookingRefused, match="already passed"):
        book(front_desk, office, at(datetime.date(2020, 1, 6), 9), provider=provider, room=room)


def test_a_slot_outside_availability_is_refused(front_desk, duplex_day, in_three_days):
    office, provider, room = duplex_day
    with pytest.raises(BookingRefused, match="not seeing patients"):
        book(front_desk, office, at(in_three_days, 18), provider=provider, room=room)


def test_a_visit_running_past_the_end_of_the_session_is_refused(front_desk, duplex_day, in_three_days):
    office, provider, room = duplex_day
    with pytest.raises(BookingRefused, match="not seeing patients"):
        book(front_desk, office, at(in_three_days, 16, 30), provider=provider, room=room)


def test_a_provider_without_the_needed_role_is_refused(front_desk, duplex_day, in_three_days):
    office, _, room = duplex_day
    physician = StaffFactory(role=Role.PHYSICIAN, home_office=office, offices=[office])
    with pytest.raises(BookingRefused, match="seen by a sonographer"):
        book(front_desk, office, at(in_three_days, 9), provider=physician, room=room)


def test_a_room_of_the_wrong_kind_is_refused(front_desk, duplex_day, in_three_days):
    office, provider, _ = duplex_day
    exam = RoomFactory(office=office, kind=Room.Kind.EXAM, name="Exam 1")
    with pytest.raises(BookingRefused, match="needs a ultrasound room|needs an? ultrasound room"):
        book(front_desk, office, at(in_three_days, 9), provider=provider, room=exam)


def test_an_office_the_provider_does_not_work_at_is_refused(front_desk, duplex_day, in_three_days):
    _, provider, _ = duplex_day
    elsewhere = OfficeFactory(name="Bend", slug="bend")
    room = RoomFactory(office=elsewhere, kind=Room.Kind.ULTRASOUND)
    with pytest.raises(BookingRefused, match="does not work at Bend"):
        book(front_desk, elsewhere, at(in_three_days, 9), provider=provider, room=room)


def test_a_room_at_another_office_is_refused(front_desk, duplex_day, in_three_days):
    office, provider, _ = duplex_day
    other_room = RoomFactory(office=OfficeFactory(name="Bend", slug="bend"), kind=Room.Kind.ULTRASOUND)
    with pytest.raises(BookingRefused, match="is at Bend"):
        book(front_desk, office, at(in_three_days, 9), provider=provider, room=other_room)


def test_a_start_off_the_five_minute_grid_is_refused(front_desk, duplex_day, in_three_days):
    office, provider, room = duplex_day
    with pytest.raises(BookingRefused, match="five-minute"):
        book(front_desk, office, at(in_three_days, 9, 7), provider=provider, room=room)


def test_the_same_patient_cannot_be_in_two_places(front_desk, duplex_day, in_three_days):
    office, provider, room = duplex_day
    patient = PatientFactory()
    book(front_desk, office, at(in_three_days, 9), provider=provider, room=room, patient=patient)
    physician = StaffFactory(role=Role.PHYSICIAN, home_office=office, offices=[office])
    from tests.factories.scheduling import open_every_day

    open_every_day(physician, office)
    exam = RoomFactory(office=office, kind=Room.Kind.EXAM)
    with pytest.raises(BookingConflict, match="already has an appointment") as refused:
        book(
            front_desk,
            office,
            at(in_three_days, 9, 30),
            provider=physician,
            room=exam,
            patient=patient,
            appointment_type=appointment_type("new_consult"),
        )
    assert refused.value.resource == "patient"
    assert refused.value.next_slots, "the desk is offered other times"


def test_an_availability_ending_before_it_starts_is_refused(duplex_day):
    office, provider, _ = duplex_day
    form = AvailabilityForm(
        {
            "weekly-provider": provider.pk,
            "weekly-office": office.pk,
            "weekly-weekday": 1,
            "weekly-start_time": "12:00",
            "weekly-end_time": "08:00",
            "weekly-valid_from": "2026-01-05",
        },
        prefix="weekly",
    )
    assert not form.is_valid()
    assert "end after it starts" in str(form.errors)


def test_an_extra_session_at_an_office_the_provider_does_not_work_at_is_refused(duplex_day):
    _, provider, _ = duplex_day
    bend = OfficeFactory(name="Bend", slug="bend")
    form = AvailabilityExceptionForm(
        {
            "exception-kind": "extra_session",
            "exception-provider": provider.pk,
            "exception-office": bend.pk,
            "exception-date": "2026-12-05",
            "exception-start_time": "09:00",
            "exception-end_time": "12:00",
        },
        prefix="exception",
    )
    assert not form.is_valid()
    assert "does not work at Bend" in str(form.errors)
