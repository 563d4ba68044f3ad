"""In a real browser: a clinic admin opens the dashboard, filters it, sees the charts and downloads a CSV."""

import csv
import io
import os

import pytest

from clinic.roles import Role
from tests.conftest import browser_login, make_staff
from tests.factories import PASSWORD
from tests.factories.practice import Practice, known_practice

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("DASHBOARD_SCREENSHOTS", "")


@pytest.fixture
def practice(transactional_db) -> Practice:
    return known_practice()


def test_admin_filters_the_dashboard_sees_charts_and_downloads_a_csv(page, practice) -> None:
    admin = make_staff(Role.CLINIC_ADMIN, office=practice.danville)
    browser_login(page, admin.username, PASSWORD)
    page.wait_for_url("**/")
    page.get_by_role("link", name="Open the dashboard").click()
    page.wait_for_url("**/reports/dashboard/")

    page.locator("#id_office").select_option(label="Danville")
    page.locator("#id_first").fill(str(practice.first))
    page.locator("#id_last").fill(str(practice.last))
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**office=danville**")
    assert "Danville" in page.get_by_test_id("dashboard-scope").inner_text()

    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, "dashboard-phone.png"), full_page=True)
    chart = page.get_by_role("img", name="Visits per week")
    assert chart.is_visible()
    # The chart fits the phone's width; only tables scroll, inside their own box.
    assert chart.bounding_box()["width"] <= 390
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    cells = page.get_by_test_id("table-visits-by-type").locator("tbody tr").first.locator("th, td").all_inner_texts()
    assert cells == ["Duplex ultrasound", "11", "8", "1", "2", "1"]

    with page.expect_download() as download_info:
        page.get_by_test_id("csv-visits-by-type").click()
    download = download_info.value
    assert download.suggested_filename.startswith("veinflow-visits-by-type-danville-")
    with open(download.path(), encoding="utf-8") as saved:
        rows = list(csv.reader(io.StringIO(saved.read())))
    assert rows[1] == cells

    if SHOTS:
        page.set_viewport_size({"width": 1280, "height": 900})
        page.screenshot(path=os.path.join(SHOTS, "dashboard-desktop.png"), full_page=True)


def test_a_backwards_range_is_explained_in_the_browser(page, practice) -> None:
    admin = make_staff(Role.CLINIC_ADMIN, office=practice.danville)
    browser_login(page, admin.username, PASSWORD)
    page.goto(f"/reports/dashboard/?first={practice.last}&last={practice.first}")
    assert "The end date is before the start date." in page.get_by_test_id("dashboard-filter").inner_text()
    assert page.locator("#id_last").input_value() == str(practice.first)
