"""The front desk finds the next free duplex at any office, books it, and sees it on that day."""

import pytest

from tests.conftest import browser_login
from tests.factories import PASSWORD, OfficeFactory, PatientFactory
from tests.factories.scheduling import appointment_type, clinic_day
from tests.scheduling.conftest import _flushable_test_database  # noqa: F401 - lets the PostgreSQL flush run

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_front_desk_books_the_next_free_duplex_at_any_office(page, front_desk):
    appointment_type("duplex")  # the seeded types, restored if an earlier flush emptied them
    clinic_day(OfficeFactory(name="Walnut Creek", slug="walnut-creek", time_zone="America/Los_Angeles"))
    patient = PatientFactory(first_name="Rosa", last_name="Alvarez")
    browser_login(page, front_desk.username, PASSWORD)

    page.goto(f"/scheduling/slots/?patient={patient.pk}")
    page.get_by_label("Appointment type").select_option(label="Duplex ultrasound")
    page.get_by_label("Office").select_option(label="Any office")
    page.get_by_role("button", name="Find free slots").click()
    first_slot = page.get_by_test_id("slot").first
    chosen = first_slot.inner_text()
    first_slot.click()

    page.get_by_role("button", name="Book duplex ultrasound").click()
    page.wait_for_url("**/calendar/walnut-creek/**")
    assert "Booked Duplex ultrasound for Rosa Alvarez" in page.content()
    row = page.locator("tr", has_text="Rosa Alvarez")
    assert row.count() == 1
    assert chosen.split()[0] in row.inner_text().replace("\u2013", " ")
