"""A sonographer enters a Wells score on a phone; the physician sees "DVT likely" and the home-page flag."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from clinic.roles import Role
from intake.models import Condition
from tests.conftest import browser_login, make_staff
from tests.factories import PASSWORD, OfficeFactory, PatientFactory
from tests.factories.evaluations import DuplexStudyFactory, SegmentFindingFactory
from tests.factories.intake import IntakeRecordFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_likely_wells_score_without_a_duplex_is_flagged_for_the_physician(page) -> None:
    office = OfficeFactory(name="Danville", slug="danville")
    sonographer = make_staff(Role.SONOGRAPHER, office)
    physician = make_staff(Role.PHYSICIAN, office)
    patient = PatientFactory(first_name="Ines", last_name="Marlowe", preferred_office=office)
    IntakeRecordFactory(patient=patient, swelling="left", conditions=[Condition.PREVIOUS_DVT])
    # Last month's study: on the diagram, and no duplex today.
    study = DuplexStudyFactory(patient=patient, office=office, performed_at=timezone.now() - timedelta(days=30))
    for side, segment, reflux in (("R", "GSVa", 800), ("R", "SSV", 650), ("L", "GSVb", 720), ("L", "CFV", 300)):
        SegmentFindingFactory(study=study, side=side, segment=segment, reflux_ms=reflux)

    browser_login(page, sonographer.username, PASSWORD)
    page.goto(f"/vein/patients/{patient.pk}/")
    page.get_by_role("link", name="Wells DVT score").first.click()
    expect(page.get_by_test_id("wells-prefilled")).to_contain_text("past blood clot")
    expect(page.get_by_label("Previously documented DVT (+1)")).to_be_checked()
    expect(page.get_by_label("Entire leg swollen (+1)")).to_be_checked()
    page.get_by_label("Pitting oedema confined to the symptomatic leg (+1)").check()
    page.get_by_role("button", name="Save Wells score").click()
    expect(page.get_by_test_id("wells-verdict")).to_have_text("DVT likely")
    expect(page.get_by_test_id("wells-score")).to_have_text("Wells 3")

    page.context.clear_cookies()
    browser_login(page, physician.username, PASSWORD)
    page.goto("/")
    flag = page.get_by_test_id("wells-flag")
    expect(flag).to_contain_text("Marlowe")
    expect(flag).to_contain_text("DVT likely (left leg)")
    flag.get_by_role("link").first.click()
    expect(page.get_by_test_id("wells-verdict")).to_have_text("DVT likely")
    expect(page.get_by_test_id("wells-L")).to_contain_text("Pitting oedema confined to the symptomatic leg")

    page.goto(f"/vein/patients/{patient.pk}/")
    expect(page.locator("svg[data-testid=leg-diagram]").get_by_text("GSVa 800 ms · 4.0 mm")).to_be_visible()
    label = page.locator("svg[data-testid=leg-diagram] text.lbl").first
    # Readable on a 390 px phone: label text at least 11 CSS pixels tall once the picture is scaled.
    assert label.bounding_box()["height"] >= 11
    page.set_viewport_size({"width": 1280, "height": 900})
