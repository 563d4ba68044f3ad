"""Wherever a patient is told to call the office, the office's number is right there."""

import pytest
from django.core.management import call_command

from clinic.models import Office
from clinic.validators import format_phone
from scheduling.models import OfficeBookingPolicy
from tests.factories import OfficeFactory
from tests.factories.portal import BookingPolicyFactory
from tests.factories.scheduling import AppointmentFactory

pytestmark = pytest.mark.django_db


def test_the_public_screening_page_gives_every_demo_offices_phone_number(client) -> None:
    call_command("load_demo", verbosity=0)
    page = client.get("/screening/").content.decode()
    for office in Office.objects.all():
        assert format_phone(office.phone) in page, office.name
        assert f'href="tel:{office.phone}"' in page


def test_the_screening_page_in_spanish_offers_the_numbers_in_spanish(client) -> None:
    OfficeFactory(name="Alameda", slug="alameda", phone="(510) 555-0105")
    OfficeFactory(name="Bend", slug="bend", phone="(541) 555-0111")
    page = client.get("/screening/", headers={"accept-language": "es"}).content.decode()
    assert "Teléfonos de nuestros consultorios" in page and "(510) 555-0105" in page


def test_a_portal_office_with_no_free_times_says_which_number_to_call(my_client, me) -> None:
    quiet = OfficeFactory(name="Bend", slug="bend", phone="(541) 555-0111")
    BookingPolicyFactory(office=quiet)
    page = my_client.get("/portal/book/", {"office": "bend", "type": "new_consult"}).content.decode()
    assert 'data-testid="no-slots"' in page
    assert "Call Bend:" in page and "(541) 555-0111" in page


def test_when_no_office_books_online_the_patient_gets_their_offices_number(my_client, me) -> None:
    OfficeBookingPolicy.objects.all().delete()
    office = me[1].preferred_office
    page = my_client.get("/portal/book/").content.decode()
    assert "take bookings by phone" in page
    assert format_phone(office.phone) in page


def test_a_visit_that_cannot_be_moved_online_says_whom_to_call_and_the_number(my_client, me) -> None:
    office = OfficeFactory(name="Tigard", slug="tigard", phone="(503) 555-0108")
    appointment = AppointmentFactory(patient=me[1], office=office)
    response = my_client.get(f"/portal/appointments/{appointment.pk}/move/", follow=True)
    assert "Please call Tigard at (503) 555-0108 to move this appointment." in response.content.decode()
