"""Offices outside the practice's home zone: New York (three hours ahead, with daylight saving)
and Phoenix (Arizona keeps standard time all year). Times are read, searched, booked, shown
and texted in the office's own zone, and a wall time its clocks skip or repeat is refused."""

import datetime
import zoneinfo

import pytest
from django.urls import reverse

from clinic.roles import Role
from scheduling.exceptions import BookingRefused
from scheduling.models import Appointment, Reminder, ReminderStatus
from scheduling.reminders.quiet import next_allowed
from scheduling.services import book_appointment, find_slots, reschedule_appointment
from tests.clock import days_ahead
from tests.conftest import client_for
from tests.factories import PatientFactory, StaffFactory
from tests.factories.clinic import new_york_office, phoenix_office
from tests.factories.evaluations import WellsAssessmentFactory
from tests.factories.reminders import ReminderFactory
from tests.factories.scheduling import AppointmentFactory, appointment_type, clinic_day
from tests.scheduling.conftest import at, run_beat

pytestmark = pytest.mark.django_db

NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
PHOENIX = zoneinfo.ZoneInfo("America/Phoenix")
# 2031's spring change in the United States (second Sunday of March): 02:00-03:00 does not exist.
SPRING_FORWARD = datetime.date(2031, 3, 9)
# 2030's autumn change (first Sunday of November): 01:00-02:00 happens twice.
FALL_BACK = datetime.date(2030, 11, 3)


@pytest.fixture
def manhattan():
    """New York with a sonographer open 08:00-17:00 New York time every day, and one ultrasound room."""
    return clinic_day(new_york_office())


@pytest.fixture
def manhattan_desk(manhattan):
    office = manhattan[0]
    return StaffFactory(role=Role.FRONT_DESK, home_office=office, offices=[office]).user


def test_a_typed_nine_oclock_at_a_new_york_office_is_nine_in_new_york(manhattan, manhattan_desk):
    office, provider, room = manhattan
    patient = PatientFactory()
    day = days_ahead(2)
    response = client_for(manhattan_desk).post(
        "/scheduling/book/",
        {"type": "duplex", "office": office.slug, "start": f"{day.isoformat()}T09:00", "provider": provider.pk,
         "room": room.pk, "patient": patient.pk},
    )  # fmt: skip
    assert response.status_code == 302
    appointment = Appointment.objects.get(patient=patient)
    assert appointment.start == at(day, 9, zone="America/New_York")
    assert appointment.start.astimezone(datetime.UTC).hour == 13  # EDT is UTC-4


def test_slot_search_at_a_new_york_office_opens_at_eight_new_york_time(manhattan):
    office = manhattan[0]
    day = days_ahead(2)
    slots = find_slots(appointment_type=appointment_type("duplex"), first_day=day, last_day=day, offices=[office])
    assert slots[0].local_start.strftime("%H:%M %Z") == "08:00 EDT"
    assert slots[0].start == at(day, 8, zone="America/New_York")
    assert slots[-1].local_start.astimezone(NEW_YORK).hour < 17


def test_the_new_york_day_view_shows_a_nine_oclock_visit_at_nine(manhattan, manhattan_desk):
    office, provider, room = manhattan
    day = days_ahead(2)
    book_appointment(
        patient=PatientFactory(), appointment_type=appointment_type("duplex"), office=office,
        start=at(day, 9, zone="America/New_York"), provider=provider, room=room, by=manhattan_desk,
    )  # fmt: skip
    page = client_for(manhattan_desk).get(f"/calendar/{office.slug}/{day.isoformat()}/")
    assert page.status_code == 200
    assert "9:00 AM" in page.content.decode()
    assert "6:00 AM" not in page.content.decode()


def test_the_slot_finder_and_the_booking_page_give_new_york_times(manhattan, manhattan_desk):
    """The pages showed the site's own (Los Angeles) time for another zone's slot: 5:00 AM for 8:00."""
    office, provider, room = manhattan
    patient = PatientFactory()
    day = days_ahead(2)
    desk = client_for(manhattan_desk)
    found = desk.get("/scheduling/slots/", {"type": "duplex", "office": office.slug, "first_day": day.isoformat(),
                                            "days": 1, "patient": patient.pk}).content.decode()  # fmt: skip
    assert "<strong>8:00 AM</strong>" in found
    assert "<strong>5:00 AM</strong>" not in found
    start = at(day, 8, zone="America/New_York")
    chosen = {"type": "duplex", "office": office.slug, "start": start.isoformat(), "provider": provider.pk,
              "room": room.pk, "patient": patient.pk}  # fmt: skip
    booking = desk.get("/scheduling/book/", chosen)
    assert "8:00 AM" in booking.content.decode()
    assert "5:00 AM" not in booking.content.decode()


def test_an_appointment_page_gives_the_new_york_time(manhattan, manhattan_desk):
    office, provider, room = manhattan
    day = days_ahead(2)
    appointment = book_appointment(
        patient=PatientFactory(), appointment_type=appointment_type("duplex"), office=office,
        start=at(day, 9, zone="America/New_York"), provider=provider, room=room, by=manhattan_desk,
    )  # fmt: skip
    page = client_for(manhattan_desk).get(appointment.get_absolute_url()).content.decode()
    assert "9:00 AM" in page
    assert "6:00 AM" not in page


def test_a_wells_score_gives_its_new_york_appointments_time(manhattan, manhattan_desk):
    office, provider, room = manhattan
    physician = StaffFactory(role=Role.PHYSICIAN, home_office=office, offices=[office]).user
    appointment = book_appointment(
        patient=PatientFactory(), appointment_type=appointment_type("duplex"), office=office,
        start=at(days_ahead(2), 9, zone="America/New_York"), provider=provider, room=room, by=manhattan_desk,
    )  # fmt: skip
    score = WellsAssessmentFactory(patient=appointment.patient, office=office, appointment=appointment)
    page = client_for(physician).get(reverse("evaluations:wells_detail", args=[score.pk])).content.decode()
    assert "appointment at" in page
    assert "9:00 AM" in page
    assert "6:00 AM" not in page


def test_a_new_york_reminder_text_gives_the_new_york_time(manhattan, recorded, django_capture_on_commit_callbacks):
    office = manhattan[0]
    appointment = AppointmentFactory(office=office, start=at(days_ahead(2), 9, zone="America/New_York"))
    reminder = ReminderFactory(appointment=appointment)
    reminder.patient.set_consents(sms=True, email=True)
    reminder.patient.save()
    run_beat(django_capture_on_commit_callbacks)
    (text,) = recorded()
    assert "9:00 AM" in text["body"] and "6:00 AM" not in text["body"]


def test_quiet_hours_follow_the_new_york_clock_not_the_practices(
    manhattan, recorded, clock, django_capture_on_commit_callbacks
):
    """At 19:30 in Los Angeles it is 22:30 in New York: the text waits for 08:00 New York time."""
    office = manhattan[0]
    evening = at(days_ahead(1), 19, 30)
    clock.move_to(evening)
    appointment = AppointmentFactory(office=office, start=at(days_ahead(3), 9, zone="America/New_York"))
    reminder = ReminderFactory(appointment=appointment)
    reminder.patient.set_consents(sms=True, email=True)
    reminder.patient.save()
    run_beat(django_capture_on_commit_callbacks)
    reminder.refresh_from_db()
    assert recorded() == []
    assert reminder.status == ReminderStatus.PENDING
    assert reminder.due_at == at(days_ahead(2), 8, zone="America/New_York")


def test_phoenix_keeps_its_hours_through_the_night_the_other_offices_spring_forward():
    # 02:30 does not exist in New York that night; in Arizona it is an ordinary time.
    assert next_allowed(at(SPRING_FORWARD, 2, 30, zone="America/Phoenix"), PHOENIX).astimezone(PHOENIX).hour == 8
    office, provider, room = clinic_day(phoenix_office())
    slots = find_slots(
        appointment_type=appointment_type("duplex"), first_day=SPRING_FORWARD, last_day=SPRING_FORWARD,
        offices=[office], now=at(SPRING_FORWARD, 0, zone="America/Phoenix"),
    )  # fmt: skip
    assert slots[0].start == datetime.datetime(2031, 3, 9, 15, 0, tzinfo=datetime.UTC)  # 08:00 MST = UTC-7


def test_booking_a_start_the_clocks_skip_is_refused_by_the_service(manhattan, front_desk):
    office = manhattan[0]
    with pytest.raises(BookingRefused, match="does not exist in America/New_York"):
        book_appointment(
            patient=PatientFactory(), appointment_type=appointment_type("duplex"), office=office,
            start=datetime.datetime(2031, 3, 9, 2, 30, tzinfo=NEW_YORK), by=front_desk,
        )  # fmt: skip


def test_moving_to_a_start_that_happens_twice_is_refused_by_the_service(manhattan, manhattan_desk):
    office, provider, room = manhattan
    appointment = book_appointment(
        patient=PatientFactory(), appointment_type=appointment_type("duplex"), office=office,
        start=at(days_ahead(2), 9, zone="America/New_York"), provider=provider, room=room, by=manhattan_desk,
    )  # fmt: skip
    with pytest.raises(BookingRefused, match="happens twice"):
        reschedule_appointment(
            appointment=appointment, start=datetime.datetime(2030, 11, 3, 1, 30, tzinfo=NEW_YORK), by=manhattan_desk
        )


def test_the_second_one_thirty_given_in_utc_is_not_ambiguous(manhattan, manhattan_desk):
    """The hour that repeats can still be booked by giving the instant itself (as slot search does)."""
    office, provider, room = manhattan
    from tests.factories.scheduling import open_every_day

    open_every_day(provider, office, start=datetime.time(0), end=datetime.time(4))
    second = datetime.datetime(2030, 11, 3, 1, 30, tzinfo=NEW_YORK).replace(fold=1).astimezone(datetime.UTC)
    appointment = book_appointment(
        patient=PatientFactory(), appointment_type=appointment_type("duplex"), office=office, start=second,
        provider=provider, room=room, by=manhattan_desk,
    )  # fmt: skip
    assert appointment.local_start.strftime("%H:%M %Z") == "01:30 EST"


@pytest.mark.parametrize(("typed", "words"), [("2031-03-09T02:30", "does not exist"), ("2030-11-03T01:30", "twice")])
def test_the_booking_page_answers_a_skipped_or_repeated_time_with_a_form_error(manhattan, manhattan_desk, typed, words):
    office, provider, room = manhattan
    response = client_for(manhattan_desk).post(
        "/scheduling/book/",
        {"type": "duplex", "office": office.slug, "start": typed, "provider": provider.pk, "room": room.pk,
         "patient": PatientFactory().pk},
    )  # fmt: skip
    assert response.status_code == 200
    assert words in response.content.decode()
    assert not Appointment.objects.exists()
    assert not Reminder.objects.exists()
