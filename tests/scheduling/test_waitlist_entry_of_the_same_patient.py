"""A booking may carry a waitlist entry only of the same patient: the service, the model
and the database all refuse another patient's entry."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from scheduling.exceptions import BookingRefused
from scheduling.models import Appointment, WaitlistEntry
from scheduling.services import book_appointment
from tests.conftest import client_for
from tests.factories import PatientFactory
from tests.factories.scheduling import AppointmentFactory, WaitlistEntryFactory, appointment_type, clinic_day
from tests.scheduling.conftest import at

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=zoneinfo.ZoneInfo("America/Los_Angeles"))
VISIT = datetime.date(2026, 3, 12)


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


def test_the_service_refuses_another_patients_waitlist_entry(office, front_desk) -> None:
    clinic_day(office)
    someone_else = WaitlistEntryFactory()
    with pytest.raises(BookingRefused, match="another patient"):
        book_appointment(
            patient=PatientFactory(),
            appointment_type=appointment_type("duplex"),
            office=office,
            start=at(VISIT, 10),
            by=front_desk,
            waitlist_entry=someone_else,
        )
    someone_else.refresh_from_db()
    assert someone_else.status == WaitlistEntry.Status.WAITING
    assert not Appointment.objects.exists()


def test_the_booking_page_explains_the_refusal(office, front_desk) -> None:
    _, provider, room = clinic_day(office)
    someone_else = WaitlistEntryFactory()
    patient = PatientFactory()
    response = client_for(front_desk).post(
        reverse("scheduling:book"),
        {
            "patient": patient.pk,
            "type": "duplex",
            "office": office.slug,
            "start": at(VISIT, 10).isoformat(),
            "provider": provider.pk,
            "room": room.pk,
            "waitlist": someone_else.pk,
        },
    )
    assert response.status_code == 200
    assert "another patient" in response.content.decode()


def test_the_model_says_so_next_to_the_field() -> None:
    entry = WaitlistEntryFactory()
    entry.booked_appointment = AppointmentFactory()
    with pytest.raises(ValidationError, match="another patient"):
        entry.full_clean()


def test_the_database_refuses_it_whatever_path_writes_it() -> None:
    entry = WaitlistEntryFactory()
    other = AppointmentFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        WaitlistEntry.objects.filter(pk=entry.pk).update(booked_appointment=other, status="booked")
        # PostgreSQL checks the deferred key at commit; this forces it here.
        with transaction.get_connection().cursor() as cursor:
            if transaction.get_connection().vendor == "postgresql":
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def test_the_same_patients_booking_is_accepted_by_the_database() -> None:
    entry = WaitlistEntryFactory()
    own = AppointmentFactory(patient=entry.patient)
    WaitlistEntry.objects.filter(pk=entry.pk).update(booked_appointment=own, status="booked")
    entry.refresh_from_db()
    assert entry.booked_appointment == own
