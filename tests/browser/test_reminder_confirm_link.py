"""A patient opens the confirm link from a text on their phone and confirms, without logging in."""

import pytest

from scheduling.models import Status
from scheduling.reminders.links import make_token
from tests.factories.scheduling import AppointmentFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_patient_confirms_from_the_link_on_a_phone(page):
    appointment = AppointmentFactory()
    page.goto(f"/r/confirm/{make_token(appointment, 'confirm')}/")
    assert page.get_by_role("heading", name=appointment.office.name).is_visible()
    page.get_by_role("button", name="Confirm my appointment").click()
    page.get_by_text("Your appointment is confirmed").wait_for()
    appointment.refresh_from_db()
    assert appointment.status == Status.CONFIRMED
