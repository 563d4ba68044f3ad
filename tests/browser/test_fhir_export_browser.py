"""A clinic admin starts a FHIR bulk export, watches its progress bar fill, and downloads a file."""

import json
import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from interop import export
from interop.models import BulkExport
from tests.conftest import browser_login
from tests.factories import PASSWORD, PatientFactory
from tests.interop.conftest import export_folder  # noqa: F401 - the fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SCREENSHOTS = os.environ.get("VF_SCREENSHOT_DIR")


def snap(page, name: str) -> None:
    if SCREENSHOTS:
        page.screenshot(path=os.path.join(SCREENSHOTS, f"{name}.png"), full_page=True)


@pytest.mark.usefixtures("export_folder")
def test_the_progress_bar_fills_as_the_worker_runs_and_the_files_download(page, clinic_admin, office):
    PatientFactory.create_batch(3, preferred_office=office)
    browser_login(page, clinic_admin.username, PASSWORD)
    page.goto("/interop/exports/")
    # A backwards range is refused next to the field, and what was typed stays.
    page.get_by_label("First day").fill("2030-06-04")
    page.get_by_label("Last day").fill("2030-01-01")
    page.get_by_role("button", name="Start export").click()
    expect(page.get_by_text("The last day is before the first day")).to_be_visible()
    expect(page.get_by_label("First day")).to_have_value("2030-06-04")
    snap(page, "fhir-export-refused-390")

    # An export the worker has not picked up yet: the page polls until it is done.
    queued = BulkExport.objects.create(requested_by=clinic_admin)
    page.goto(queued.get_absolute_url())
    expect(page.locator("[data-export-label]")).to_have_text("Queued")
    expect(page.locator("#export-bar")).to_have_attribute("value", "0")
    export.run(queued.pk)
    expect(page.locator("[data-export-label]")).to_have_text("Ready to download")
    expect(page.locator("[data-export-percent]")).to_have_text("100")
    link = page.get_by_role("link", name="Patient.ndjson")
    expect(link).to_be_visible()
    snap(page, "fhir-export-done-390")
    with page.expect_download() as download_info:
        link.click()
    lines = Path(download_info.value.path()).read_text().splitlines()
    assert len(lines) == 3
    assert {json.loads(line)["resourceType"] for line in lines} == {"Patient"}

    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto("/interop/exports/")
    snap(page, "fhir-export-list-1366")
    page.goto(queued.get_absolute_url())
    snap(page, "fhir-export-done-1366")
