"""A physician photographs the left leg from the page and sees it beside the photo from an earlier visit."""

import datetime
import io

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from clinic.roles import Role
from photos.demo import draw_leg
from photos.models import LegPhoto
from photos.pipeline import process
from tests.conftest import browser_login, make_staff
from tests.factories import PASSWORD, OfficeFactory, PatientFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_physician_uploads_a_left_leg_photo_and_compares_it_with_an_earlier_visit(page) -> None:
    office = OfficeFactory(name="Danville", slug="danville")
    physician = make_staff(Role.PHYSICIAN, office)
    patient = PatientFactory(first_name="Wren", last_name="Halloway", preferred_office=office)
    six_weeks_ago = timezone.localdate() - datetime.timedelta(weeks=6)
    earlier = LegPhoto.store(
        processed=process(io.BytesIO(draw_leg(veins=7, thickness=6, seed=11))),
        patient=patient,
        side="L",
        visit_date=six_weeks_ago,
        caption="before compression",
        by=physician,
    )

    browser_login(page, physician.username, PASSWORD)
    page.goto(f"/vein/patients/{patient.pk}/")
    page.get_by_role("link", name="Leg photos").click()
    page.get_by_label("Left").check()
    page.get_by_label("Caption (optional)").fill("after compression")
    page.get_by_label("Photos").set_input_files(
        {"name": "IMG_2001.JPG", "mimeType": "image/jpeg", "buffer": draw_leg(veins=4, thickness=4, seed=11)}
    )
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_text("Added 1 photo of the left leg.")).to_be_visible()

    page.locator("#leg-L").get_by_role("link", name="Compare visits side by side").click()
    columns = page.locator(".photo-compare > .col-6")
    expect(columns).to_have_count(2)
    expect(columns.nth(0).locator("img")).to_have_attribute("src", f"/vein/photos/{earlier.pk}/image/")
    expect(columns.nth(1)).to_contain_text("after compression")
    for column in range(2):
        image = columns.nth(column).locator("img")
        expect(image).to_be_visible()
        assert image.evaluate("img => img.complete && img.naturalWidth") == 480
    # Side by side on a phone: the two pictures share one row.
    first, second = (columns.nth(i).locator("img").bounding_box() for i in range(2))
    assert abs(first["y"] - second["y"]) < 2 and second["x"] > first["x"] + first["width"] - 1
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"/vein/patients/{patient.pk}/photos/")
