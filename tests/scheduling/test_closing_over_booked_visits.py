"""Closing an office or taking time off over booked visits shows who is booked before saving;
afterwards each is offered a new time or a call, their reminders stop, and the day view says closed."""

import datetime

import pytest
from django.db import IntegrityError
from django.utils import timezone

from scheduling.models import AvailabilityException, Reminder, ReminderStatus
from tests.factories import PatientFactory
from tests.factories.reminders import ReminderFactory
from tests.factories.scheduling import AppointmentFactory, RoomFactory, sonographer_at
from tests.scheduling.conftest import at

pytestmark = pytest.mark.django_db

URL = "/scheduling/availability/?form=exception"


@pytest.fixture
def day():
    return timezone.localdate() + datetime.timedelta(days=3)


@pytest.fixture
def rfa(office, day):
    """A booked radiofrequency ablation at the office, with a reminder still to go."""
    appointment = AppointmentFactory(
        office=office,
        provider=sonographer_at(office),
        room=RoomFactory(office=office),
        start=at(day, 9),
        patient=PatientFactory(first_name="Rosa", last_name="Alvarez", phone="+15105550142"),
    )
    ReminderFactory(appointment=appointment, due_at=at(day, 9) - datetime.timedelta(hours=24))
    return appointment


def closure(office, day, **extra) -> dict:
    return {
        "exception-kind": "office_closed",
        "exception-office": office.pk,
        "exception-date": day.isoformat(),
        "exception-end_date": day.isoformat(),
        "exception-note": "Burst pipe",
        **extra,
    }


def test_the_closure_lists_the_booked_patients_before_it_is_saved(clinic_admin_client, office, day, rfa):
    page = clinic_admin_client.post(URL, closure(office, day)).content.decode()
    assert "1 booked visit falls on this office closed" in page
    assert "Rosa Alvarez" in page
    assert "Go back without saving" in page
    assert not AvailabilityException.objects.exists()
    assert Reminder.objects.get(appointment=rfa).status == ReminderStatus.PENDING


def test_once_confirmed_the_closure_stops_reminders_and_offers_to_move_or_call_each(
    clinic_admin_client, office, day, rfa
):
    response = clinic_admin_client.post(URL, closure(office, day, confirm_affected="1"), follow=True)
    page = response.content.decode()
    assert AvailabilityException.objects.filter(office=office, date=day).count() == 1
    assert Reminder.objects.get(appointment=rfa).status == ReminderStatus.CANCELLED
    assert f"/scheduling/slots/?appointment={rfa.pk}" in page
    assert 'href="tel:+15105550142">Call (510) 555-0142</a>' in page


def test_time_off_over_a_providers_visit_asks_first_too(clinic_admin_client, office, day, rfa):
    data = {
        "exception-kind": "time_off",
        "exception-provider": rfa.provider.pk,
        "exception-date": day.isoformat(),
        "exception-start_time": "08:30",
        "exception-end_time": "10:00",
    }
    page = clinic_admin_client.post(URL, data).content.decode()
    assert "Rosa Alvarez" in page and "Go back without saving" in page


def test_a_closure_over_no_visits_is_saved_at_once(clinic_admin_client, office, day):
    response = clinic_admin_client.post(URL, closure(office, day))
    assert response.status_code == 302
    assert AvailabilityException.objects.filter(office=office, date=day).exists()


def test_the_same_closure_cannot_be_added_twice(clinic_admin_client, office, day):
    clinic_admin_client.post(URL, closure(office, day))
    page = clinic_admin_client.post(URL, closure(office, day)).content.decode()
    assert "This office is already closed for those days." in page
    assert AvailabilityException.objects.filter(office=office, date=day).count() == 1
    with pytest.raises(IntegrityError):
        AvailabilityException.objects.create(kind="office_closed", office=office, date=day, end_date=day)


def test_the_day_view_shows_the_closure(front_desk_client, clinic_admin_client, office, day):
    clinic_admin_client.post(URL, closure(office, day))
    page = front_desk_client.get(f"/calendar/{office.slug}/{day.isoformat()}/").content.decode()
    assert "Office closed" in page and "Burst pipe" in page
