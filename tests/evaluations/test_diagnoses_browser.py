"""A physician confirms suggested ICD-10-CM codes, signs, sees them on the visit summary, downloads the packet."""

import importlib
import io
from decimal import Decimal

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from clinic.roles import Role
from evaluations.rules.procedures import ItemKind
from tests.conftest import browser_login, make_staff
from tests.evaluations.test_browser_flow import _reseed_after_flush  # noqa: F401 (autouse: payer rules after a flush)
from tests.factories import PASSWORD, OfficeFactory, PatientFactory
from tests.factories.evaluations import (
    DuplexStudyFactory,
    EvaluationFactory,
    LegAssessmentFactory,
    PlanItemFactory,
    SegmentFindingFactory,
    TreatmentPlanFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _codes_seeded():
    from django.apps import apps

    # A flush after an earlier live-server test empties the seeded code list; the seed is idempotent.
    importlib.import_module("evaluations.migrations.0009_icd10_diagnoses").seed(apps, None)


def test_physician_confirms_codes_signs_and_downloads_the_packet(page) -> None:
    office = OfficeFactory(name="Danville", slug="danville")
    physician = make_staff(Role.PHYSICIAN, office)
    patient = PatientFactory(
        first_name="Odile", last_name="Farrant", insurance_member_id="M-5544", preferred_office=office
    )
    study = DuplexStudyFactory(patient=patient, office=office)
    SegmentFindingFactory(study=study, side="R", segment="GSVa", reflux_ms=950, diameter_mm=Decimal("6.4"))
    study.finalize(by=study.sonographer)
    note = EvaluationFactory(patient=patient, office=office, physician=physician, duplex_study=study)
    LegAssessmentFactory(evaluation=note, side="R", clinical_classes=["C2"], symptomatic=True, pain=2)
    LegAssessmentFactory(evaluation=note, side="L", clinical_classes=[], symptomatic=False)
    plan = TreatmentPlanFactory(patient=patient, created_by=physician, evaluation=note)
    item = PlanItemFactory(plan=plan, kind=ItemKind.RFA, side="R", target_segment="GSVa")

    browser_login(page, physician.username, PASSWORD)
    page.goto(f"/vein/evaluations/{note.pk}/edit/")
    form = page.get_by_test_id("diagnosis-form")
    expect(form).to_contain_text("I83.811 Varicose veins of right lower extremity with pain")
    form.get_by_label("I83.811", exact=False).check()
    form.get_by_label("I87.2", exact=False).check()
    page.get_by_test_id("attest").check()
    page.get_by_role("button", name="Save and sign").click()
    expect(page.get_by_test_id("note-status")).to_have_text("Signed")
    expect(page.get_by_test_id("diagnoses")).to_contain_text("I83.811")

    page.goto(f"/vein/evaluations/{note.pk}/summary/")
    summary = page.get_by_test_id("diagnoses")
    expect(summary).to_contain_text("Right leg")
    expect(summary).to_contain_text("I83.811 Varicose veins of right lower extremity with pain")
    expect(summary).to_contain_text("Not leg-specific")
    expect(summary).to_contain_text("I87.2 Venous insufficiency (chronic) (peripheral)")

    page.goto(plan.get_absolute_url())
    expect(page.get_by_test_id("diagnoses")).to_contain_text("I83.811")
    page.get_by_role("link", name="Prior-authorization summary").click()
    page.set_viewport_size({"width": 1280, "height": 900})
    with page.expect_download() as download_info:
        page.get_by_test_id("packet-pdf").click()
    download = download_info.value
    assert download.suggested_filename.startswith(f"prior-authorization-item-{item.pk}-cpt-36475-")
    assert "Farrant" not in download.suggested_filename
    with open(download.path(), "rb") as handle:
        text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(handle.read())).pages)
    assert "I83.811" in text and "I87.2" in text and "36475" in text
    assert physician.staff_profile.npi in text and "M-5544" in text
