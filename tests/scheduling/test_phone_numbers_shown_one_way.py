"""Phone numbers read (510) 555-0142 wherever the desk or a patient sees them, never +15105550142."""

import pytest

from scheduling.models import RescheduleRequest
from tests.factories import PatientFactory
from tests.factories.scheduling import AppointmentFactory
from tests.scheduling.conftest import at

pytestmark = pytest.mark.django_db


def test_the_booking_page_shows_the_patients_phone_as_people_write_it(front_desk_client, duplex_day, in_three_days):
    office, provider, room = duplex_day
    patient = PatientFactory(phone="+15105550142")
    slot = {"type": "duplex", "office": office.slug, "start": at(in_three_days, 9).isoformat(), "patient": patient.pk}
    page = front_desk_client.get("/scheduling/book/", slot).content.decode()
    assert "(510) 555-0142" in page and "+15105550142" not in page


def test_the_booking_pages_patient_search_finds_a_local_number_and_shows_it_formatted(
    front_desk_client, duplex_day, in_three_days
):
    office, provider, room = duplex_day
    PatientFactory(first_name="Jonah", phone="+15105550142")
    slot = {"type": "duplex", "office": office.slug, "start": at(in_three_days, 9).isoformat(), "q": "5550142"}
    page = front_desk_client.get("/scheduling/book/", slot).content.decode()
    assert "Jonah" in page and "(510) 555-0142" in page


def test_the_reschedule_queue_shows_the_phone_to_call_formatted(front_desk_client):
    RescheduleRequest.objects.create(appointment=AppointmentFactory(patient=PatientFactory(phone="+15105550142")))
    page = front_desk_client.get("/scheduling/reschedule-requests/").content.decode()
    assert "(510) 555-0142" in page and "+15105550142" not in page
