"""The front desk switches office and date from the calendar, by keyboard, on a desk screen and a phone."""

import datetime
import os

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.conftest import browser_login
from tests.factories import PASSWORD, OfficeFactory, PatientFactory
from tests.factories.scheduling import AppointmentFactory, RoomFactory, appointment_type, open_every_day, sonographer_at
from tests.scheduling.conftest import at

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# Set to a folder to keep screenshots of the pages (for a person to look at; nothing asserts on them).
SCREENSHOTS = os.environ.get("VF_SCREENSHOT_DIR")


def snap(page, name: str) -> None:
    if SCREENSHOTS:
        page.screenshot(path=os.path.join(SCREENSHOTS, f"{name}.png"), full_page=True)


def busy_day(office, day, names):
    """Three providers at ``office`` with a visit each on ``day``."""
    for hour, name in enumerate(names, start=9):
        provider = sonographer_at(office)
        open_every_day(provider, office)
        AppointmentFactory(
            office=office,
            provider=provider,
            room=RoomFactory(office=office),
            start=at(day, hour),
            end=at(day, hour) + datetime.timedelta(minutes=45),
            patient=PatientFactory(first_name=name, last_name="Alvarez-Montgomery"),
        )


def test_the_desk_switches_office_and_date_from_the_calendar(page, front_desk, office):
    appointment_type("duplex")  # the seeded types, restored if an earlier flush emptied them
    today = timezone.localdate()
    tomorrow = today + datetime.timedelta(days=1)
    walnut_creek = OfficeFactory(name="Walnut Creek", slug="walnut-creek")
    busy_day(office, today, ["Rosa", "Ana", "Lucia"])
    busy_day(walnut_creek, tomorrow, ["Marta", "Elena", "Sofia"])
    page.set_viewport_size({"width": 1366, "height": 900})
    browser_login(page, front_desk.username, PASSWORD)

    page.goto("/calendar/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(office.name)
    expect(page.locator("tr", has_text="Rosa Alvarez-Montgomery")).to_have_count(1)
    # Three providers share the width: the grid is drawn across the page, not in 150 px columns.
    assert page.locator("svg.vf-day-grid").bounding_box()["width"] > 1200
    snap(page, "day-1366")

    # Keyboard only: choose the office and the date, then Enter.
    page.get_by_label("Office", exact=True).select_option(label="Walnut Creek")
    page.get_by_label("Date", exact=True).fill(tomorrow.isoformat())
    page.get_by_label("Date", exact=True).press("Enter")
    page.wait_for_url(f"**/calendar/walnut-creek/{tomorrow.isoformat()}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Walnut Creek")
    expect(page.locator("tr", has_text="Marta Alvarez-Montgomery")).to_have_count(1)

    page.get_by_role("link", name="Today").click()
    page.wait_for_url(f"**/calendar/walnut-creek/{today.isoformat()}/**")
    expect(page.get_by_text("Nothing booked this day.")).to_be_visible()

    page.get_by_role("link", name="All offices this day").click()
    overview = page.get_by_test_id("offices-overview")
    expect(overview.locator(f"#office-{office.slug}")).to_contain_text("3")
    snap(page, "offices-1366")
    overview.get_by_role("link", name=office.name).click()
    page.wait_for_url(f"**/calendar/{office.slug}/{today.isoformat()}/")

    # On a phone the agenda fits: nothing scrolls sideways.
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    expect(page.locator("tr", has_text="Rosa Alvarez-Montgomery")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    snap(page, "day-390")
