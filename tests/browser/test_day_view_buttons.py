"""On the office day view a physician is offered only what they may do; the desk cancels in place."""

import datetime
import zoneinfo

import pytest
from playwright.sync_api import expect

from tests.conftest import browser_login
from tests.factories import PASSWORD, PatientFactory
from tests.factories.scheduling import AppointmentFactory, RoomFactory, appointment_type

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# A day in the past on purpose: the day view and its buttons do not depend on today's date.
DAY = datetime.date(2026, 6, 10)
NINE = datetime.datetime.combine(DAY, datetime.time(9), tzinfo=zoneinfo.ZoneInfo("America/Los_Angeles"))


def test_a_physician_is_not_offered_cancel_and_the_desk_cancels_in_place(page, physician, front_desk, office):
    appointment_type("duplex")  # the seeded types, restored if an earlier flush emptied them
    appointment = AppointmentFactory(
        office=office,
        provider=physician.staff_profile,
        room=RoomFactory(office=office),
        start=NINE,
        patient=PatientFactory(first_name="Rosa", last_name="Alvarez"),
    )
    day_view = f"/calendar/{office.slug}/{DAY.isoformat()}/"
    row = page.locator(f"#appointment-{appointment.pk}")

    browser_login(page, physician.username, PASSWORD)
    page.goto(day_view)
    expect(row).to_contain_text("Rosa Alvarez")
    expect(row.get_by_role("link", name="Open")).to_be_visible()
    expect(row.get_by_role("link", name="Cancel")).to_have_count(0)
    expect(row.get_by_role("link", name="Reschedule")).to_have_count(0)
    expect(row.get_by_role("button", name="Check in")).to_have_count(0)

    page.context.clear_cookies()
    browser_login(page, front_desk.username, PASSWORD)
    page.goto(day_view)
    row.get_by_role("link", name="Cancel").click()
    expect(row.get_by_label("Reason for cancelling")).to_be_visible()
    expect(page.get_by_text("You don't have access")).to_have_count(0)
