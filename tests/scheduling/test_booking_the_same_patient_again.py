"""Booking the same patient twice on one day, or the same visit type within a week, warns first
and books once the desk ticks "Book anyway"."""

import datetime

import pytest

from scheduling.models import Appointment
from tests.factories import PatientFactory
from tests.factories.scheduling import AppointmentFactory, appointment_type
from tests.scheduling.conftest import at
from tests.scheduling.test_booking_pages import booking_data

pytestmark = pytest.mark.django_db


def test_a_second_visit_the_same_day_warns_and_books_nothing(front_desk_client, duplex_day, in_three_days):
    office, provider, room = duplex_day
    patient = PatientFactory(first_name="Rosa", last_name="Alvarez")
    AppointmentFactory(
        patient=patient, office=office, start=at(in_three_days, 14), appointment_type=appointment_type("new_consult")
    )
    response = front_desk_client.post(
        "/scheduling/book/", booking_data(office, provider, room, at(in_three_days, 9), patient)
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Rosa Alvarez is already booked that day" in page
    assert 'name="book_anyway"' in page and "Book anyway" in page
    assert Appointment.objects.filter(patient=patient).count() == 1


def test_the_same_visit_type_within_a_week_warns(front_desk_client, duplex_day, in_three_days):
    office, provider, room = duplex_day
    patient = PatientFactory(first_name="Rosa", last_name="Alvarez")
    AppointmentFactory(patient=patient, office=office, start=at(in_three_days + datetime.timedelta(days=4), 9))
    page = front_desk_client.post(
        "/scheduling/book/", booking_data(office, provider, room, at(in_three_days, 9), patient)
    ).content.decode()
    assert "already has a duplex ultrasound within a week" in page
    assert Appointment.objects.filter(patient=patient).count() == 1


def test_book_anyway_books_it(front_desk_client, duplex_day, in_three_days):
    office, provider, room = duplex_day
    patient = PatientFactory()
    AppointmentFactory(patient=patient, office=office, start=at(in_three_days, 14))
    data = {**booking_data(office, provider, room, at(in_three_days, 9), patient), "book_anyway": "1"}
    response = front_desk_client.post("/scheduling/book/", data)
    assert response.status_code == 302
    assert Appointment.objects.filter(patient=patient).count() == 2


def test_a_cancelled_visit_or_a_visit_weeks_away_does_not_warn(front_desk_client, duplex_day, in_three_days):
    office, provider, room = duplex_day
    patient = PatientFactory()
    AppointmentFactory(
        patient=patient, office=office, start=at(in_three_days, 14), status="cancelled", cancel_reason="Ill"
    )
    AppointmentFactory(patient=patient, office=office, start=at(in_three_days + datetime.timedelta(days=10), 9))
    response = front_desk_client.post(
        "/scheduling/book/", booking_data(office, provider, room, at(in_three_days, 9), patient)
    )
    assert response.status_code == 302


def test_a_conflicts_suggested_times_are_links_that_keep_the_patient(front_desk_client, duplex_day, in_three_days):
    office, provider, room = duplex_day
    AppointmentFactory(office=office, provider=provider, room=room, start=at(in_three_days, 9))
    patient = PatientFactory()
    page = front_desk_client.post(
        "/scheduling/book/", booking_data(office, provider, room, at(in_three_days, 9, 15), patient)
    ).content.decode()
    assert "The next free times" in page
    assert f'data-testid="slot" href="/scheduling/book/?type=duplex&amp;office={office.slug}' in page
    assert f"patient={patient.pk}" in page.split("The next free times")[1]
