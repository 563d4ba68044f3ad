"""The front desk books, meets a conflict, checks in, cancels and reschedules from the pages."""

import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clinic.models import AuditEntry
from intake.models import Patient
from scheduling.models import Appointment, AppointmentEvent, Status, WaitlistEntry
from scheduling.services import book_appointment
from tests.factories import PatientFactory
from tests.factories.scheduling import WaitlistEntryFactory, appointment_type
from tests.scheduling.conftest import at

pytestmark = pytest.mark.django_db


def booking_data(office, provider, room, start, patient):
    return {
        "type": "duplex",
        "office": office.slug,
        "start": start.isoformat(),
        "provider": provider.pk,
        "room": room.pk,
        "patient": patient.pk,
    }


def test_front_desk_books_a_slot_and_lands_on_the_office_day(front_desk_client, duplex_day, in_three_days):
    office, provider, room = duplex_day
    patient = PatientFactory()
    response = front_desk_client.post(
        "/scheduling/book/", booking_data(office, provider, room, at(in_three_days, 9), patient)
    )
    appointment = Appointment.objects.get(patient=patient)
    assert response.status_code == 302
    assert f"/calendar/{office.slug}/{in_three_days.isoformat()}/" in response["Location"]
    assert appointment.events.get().kind == AppointmentEvent.Kind.BOOKED


def test_a_taken_time_shows_a_clear_message_and_the_next_free_slots(
    front_desk, front_desk_client, duplex_day, in_three_days
):
    office, provider, room = duplex_day
    book_appointment(
        patient=PatientFactory(),
        appointment_type=appointment_type("duplex"),
        office=office,
        start=at(in_three_days, 9),
        provider=provider,
        room=room,
        by=front_desk,
    )
    response = front_desk_client.post(
        "/scheduling/book/", booking_data(office, provider, room, at(in_three_days, 9, 15), PatientFactory())
    )
    page = response.content.decode()
    assert response.status_code == 409
    assert "is already booked" in page
    assert "The next free times" in page
    assert "9:45 AM" in page


def test_check_in_from_the_calendar_updates_the_row_in_place(front_desk, front_desk_client, duplex_day, in_three_days):
    office, provider, room = duplex_day
    appointment = book_appointment(
        patient=PatientFactory(),
        appointment_type=appointment_type("duplex"),
        office=office,
        start=at(in_three_days, 9),
        provider=provider,
        room=room,
        by=front_desk,
    )
    response = front_desk_client.post(
        f"/appointments/{appointment.pk}/status/", {"status": "checked_in"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert response["HX-Trigger"] == "calendarChanged"
    assert "Checked in" in response.content.decode()
    appointment.refresh_from_db()
    assert appointment.status == Status.CHECKED_IN
    assert appointment.events.last().by == front_desk


def test_cancelling_shows_the_waitlisted_patients_in_order(front_desk, front_desk_client, duplex_day, in_three_days):
    office, provider, room = duplex_day
    appointment = book_appointment(
        patient=PatientFactory(),
        appointment_type=appointment_type("duplex"),
        office=office,
        start=at(in_three_days, 9),
        provider=provider,
        room=room,
        by=front_desk,
    )
    first = WaitlistEntryFactory(patient=PatientFactory(last_name="Early"))
    second = WaitlistEntryFactory(patient=PatientFactory(last_name="Later"), office=office)
    WaitlistEntryFactory(appointment_type=appointment_type("rfa"))
    response = front_desk_client.post(
        f"/appointments/{appointment.pk}/cancel/", {"reason": "Patient is ill"}, HTTP_HX_REQUEST="true"
    )
    page = response.content.decode()
    assert page.index(first.patient.full_name) < page.index(second.patient.full_name)
    assert page.count("<li>") == 2
    appointment.refresh_from_db()
    assert (appointment.status, appointment.cancel_reason) == (Status.CANCELLED, "Patient is ill")


def test_cancelling_without_a_reason_keeps_the_appointment(front_desk, front_desk_client, duplex_day, in_three_days):
    office, provider, room = duplex_day
    appointment = book_appointment(
        patient=PatientFactory(),
        appointment_type=appointment_type("duplex"),
        office=office,
        start=at(in_three_days, 9),
        provider=provider,
        room=room,
        by=front_desk,
    )
    front_desk_client.post(f"/appointments/{appointment.pk}/cancel/", {"reason": "  "})
    appointment.refresh_from_db()
    assert appointment.status == Status.BOOKED


def test_rescheduling_keeps_where_and_when_it_was(front_desk, front_desk_client, duplex_day, in_three_days):
    office, provider, room = duplex_day
    appointment = book_appointment(
        patient=PatientFactory(),
        appointment_type=appointment_type("duplex"),
        office=office,
        start=at(in_three_days, 9),
        provider=provider,
        room=room,
        by=front_desk,
    )
    response = front_desk_client.post(
        f"/appointments/{appointment.pk}/reschedule/",
        {"office": office.slug, "start": at(in_three_days, 14).isoformat()},
    )
    assert response.status_code == 302
    appointment.refresh_from_db()
    move = appointment.events.get(kind=AppointmentEvent.Kind.MOVED)
    assert appointment.local_start.hour == 14
    assert move.previous_start == at(in_three_days, 9)
    assert "was " in front_desk_client.get(f"/appointments/{appointment.pk}/").content.decode()


def test_booking_a_waitlisted_patient_takes_them_off_the_waitlist(front_desk, duplex_day, in_three_days):
    office, provider, room = duplex_day
    entry = WaitlistEntryFactory()
    book_appointment(
        patient=entry.patient,
        appointment_type=appointment_type("duplex"),
        office=office,
        start=at(in_three_days, 9),
        provider=provider,
        room=room,
        by=front_desk,
    )
    entry.refresh_from_db()
    assert entry.status == WaitlistEntry.Status.BOOKED


def test_opening_the_day_records_who_saw_each_patient(front_desk, front_desk_client, duplex_day, in_three_days):
    office, provider, room = duplex_day
    appointment = book_appointment(
        patient=PatientFactory(),
        appointment_type=appointment_type("duplex"),
        office=office,
        start=at(in_three_days, 9),
        provider=provider,
        room=room,
        by=front_desk,
    )
    front_desk_client.get(f"/calendar/{office.slug}/{in_three_days.isoformat()}/")
    entry = AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS, object_pk=str(appointment.patient_id)).get()
    assert entry.actor == front_desk
    assert entry.content_type.model_class() is Patient


def test_the_slot_finder_offers_any_office_earliest_first(front_desk_client, duplex_day, in_three_days):
    office, _, _ = duplex_day
    response = front_desk_client.get(
        "/scheduling/slots/", {"type": "duplex", "office": "any", "first_day": in_three_days.isoformat()}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert page.index("8:00 AM") < page.index("8:15 AM")


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    data=st.dictionaries(
        st.sampled_from(["type", "office", "start", "provider", "room", "patient", "notes", "screening", "waitlist"]),
        st.one_of(st.text(max_size=40), st.integers(-5, 10**12).map(str), st.just("2026-13-40T25:61")),
    )
)
def test_the_booking_form_never_fails_with_a_server_error(front_desk_client, data):
    assert front_desk_client.post("/scheduling/book/", data).status_code in (200, 302, 404, 409)
    assert front_desk_client.get("/scheduling/slots/", data).status_code in (200, 404)


def test_searching_with_a_date_in_the_distant_past_is_refused_politely(front_desk_client):
    response = front_desk_client.get(
        "/scheduling/slots/",
        {"type": "duplex", "first_day": (datetime.date.today() - datetime.timedelta(days=30)).isoformat()},
    )
    assert "Search from today onwards" in response.content.decode()
