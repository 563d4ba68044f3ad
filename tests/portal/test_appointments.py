"""A patient sees their own appointments, confirms and cancels them; nobody else's."""

import datetime

import pytest
from django.utils import timezone

from clinic.models import AuditEntry
from scheduling.models import Appointment, Status
from tests.factories import PatientFactory
from tests.factories.scheduling import AppointmentFactory

pytestmark = pytest.mark.django_db


def test_home_lists_upcoming_visits_with_office_and_time(my_client, me) -> None:
    AppointmentFactory(patient=me[1])
    page = my_client.get("/portal/").content.decode()
    assert "Upcoming appointments" in page
    assert "Duplex ultrasound" in page


def test_appointment_page_shows_where_when_and_how_to_prepare(my_client, me) -> None:
    appointment = AppointmentFactory(patient=me[1])
    appointment.office.directions = "Park behind the building; suite 200."
    appointment.office.save()
    page = my_client.get(f"/portal/appointments/{appointment.pk}/").content.decode()
    assert "Park behind the building" in page
    assert "Do not put lotion on your legs" in page
    assert appointment.office.address_line1 in page


def test_patient_confirms_an_appointment(my_client, me) -> None:
    appointment = AppointmentFactory(patient=me[1])
    my_client.post(f"/portal/appointments/{appointment.pk}/confirm/")
    appointment.refresh_from_db()
    assert appointment.status == Status.CONFIRMED
    assert appointment.events.last().by == me[0]


def test_patient_cancels_with_a_reason(my_client, me) -> None:
    appointment = AppointmentFactory(patient=me[1])
    my_client.post(f"/portal/appointments/{appointment.pk}/cancel/", {"reason": "transport", "details": "car broke"})
    appointment.refresh_from_db()
    assert appointment.status == Status.CANCELLED
    assert "transport" in appointment.cancel_reason and "car broke" in appointment.cancel_reason


def test_a_cancel_without_a_reason_keeps_the_appointment(my_client, me) -> None:
    appointment = AppointmentFactory(patient=me[1])
    response = my_client.post(f"/portal/appointments/{appointment.pk}/cancel/", {"reason": "", "details": "hm"})
    assert response.status_code == 200
    assert 'value="hm"' in response.content.decode()
    appointment.refresh_from_db()
    assert appointment.status == Status.BOOKED


def test_a_past_appointment_cannot_be_cancelled(my_client, me) -> None:
    start = timezone.now() - datetime.timedelta(days=2)
    appointment = AppointmentFactory(patient=me[1], start=start, end=start + datetime.timedelta(minutes=45))
    my_client.post(f"/portal/appointments/{appointment.pk}/cancel/", {"reason": "other"})
    appointment.refresh_from_db()
    assert appointment.status == Status.BOOKED


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/portal/appointments/{pk}/"),
        ("post", "/portal/appointments/{pk}/confirm/"),
        ("get", "/portal/appointments/{pk}/cancel/"),
        ("post", "/portal/appointments/{pk}/cancel/"),
        ("get", "/portal/appointments/{pk}/move/"),
    ],
)
def test_another_patients_appointment_is_not_found(my_client, method: str, path: str) -> None:
    theirs = AppointmentFactory(patient=PatientFactory())
    response = getattr(my_client, method)(path.format(pk=theirs.pk), {"reason": "other"})
    assert response.status_code == 404
    assert Appointment.objects.get(pk=theirs.pk).status == Status.BOOKED


def test_another_patients_request_cannot_be_withdrawn(my_client) -> None:
    from tests.factories.portal import BookingRequestFactory

    theirs = BookingRequestFactory()
    assert my_client.post(f"/portal/requests/{theirs.pk}/withdraw/").status_code == 404


def test_opening_an_appointment_is_audited(my_client, me) -> None:
    appointment = AppointmentFactory(patient=me[1])
    my_client.get(f"/portal/appointments/{appointment.pk}/")
    assert AuditEntry.objects.filter(
        action=AuditEntry.Action.ACCESS, object_pk=str(appointment.pk), actor=me[0]
    ).exists()


def test_staff_pages_are_forbidden_to_patients(my_client) -> None:
    for path in ("/patients/", "/calendar/", "/screenings/", "/vein/"):
        assert my_client.get(path).status_code == 403, path


def test_a_patient_landing_on_home_goes_to_the_portal(my_client) -> None:
    assert my_client.get("/")["Location"] == "/portal/"
