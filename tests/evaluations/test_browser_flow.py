"""Sonographer records reflux; physician sees it on the diagram, signs the note, plans RFA, sees unmet criteria."""

import importlib

import pytest
from django.db.models.signals import post_migrate
from playwright.sync_api import expect

from clinic.roles import Role
from tests.conftest import browser_login, make_staff
from tests.factories import PASSWORD, OfficeFactory, PatientFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SEEDS = ["evaluations.migrations.0002_seed_payer_rule_sets", "scheduling.migrations.0002_seed_appointment_types"]


def _seed() -> None:
    from django.apps import apps

    # Earlier committed-data tests flush the tables and the seeded rows go with them.
    for module in SEEDS:
        importlib.import_module(module).seed(apps, None)


def _reseed(sender, **kwargs) -> None:
    # Once is enough; the signal fires for every app.
    post_migrate.disconnect(dispatch_uid="evaluations-browser-reseed")
    _seed()


@pytest.fixture(autouse=True)
def _reseed_after_flush():
    """The flush after a live-server test empties the tables the data migrations seeded, and later
    tests expect those rows (payer rule sets, appointment types). The flush ends with post_migrate,
    so the (idempotent) seeds run again right then."""
    _seed()
    post_migrate.connect(_reseed, weak=False, dispatch_uid="evaluations-browser-reseed")
    yield


def test_duplex_to_signed_note_to_rfa_plan_with_payer_criteria(page) -> None:
    office = OfficeFactory(name="Danville", slug="danville")
    sonographer = make_staff(Role.SONOGRAPHER, office)
    physician = make_staff(Role.PHYSICIAN, office)
    PatientFactory(first_name="Wren", last_name="Halloway", insurance_payer="Medicare", preferred_office=office)

    browser_login(page, sonographer.username, PASSWORD)
    page.goto("/vein/")
    page.get_by_label("Patient name").fill("Hallo")
    page.get_by_role("button", name="Find patient").click()
    page.get_by_role("link", name="Halloway, Wren").click()
    page.get_by_role("link", name="Record duplex").click()
    page.get_by_role("button", name="Start study").click()
    page.locator("#id_side").select_option("R")
    page.locator("#id_segment").select_option("GSVa")
    page.get_by_label("Reflux (ms)").fill("800")
    page.get_by_label("Diameter (mm)").fill("6")
    page.get_by_label("Compressibility").select_option("full")
    page.get_by_role("button", name="Save segment").click()
    expect(page.get_by_text("Pathological reflux")).to_be_visible()

    page.context.clear_cookies()
    browser_login(page, physician.username, PASSWORD)
    page.goto("/vein/")
    page.get_by_label("Patient name").fill("Halloway")
    page.get_by_role("button", name="Find patient").click()
    page.get_by_role("link", name="Halloway, Wren").click()
    expect(page.locator('[data-segment="R-GSVa"]')).to_have_class("seg seg-reflux")
    expect(page.locator("svg[data-testid=leg-diagram]").get_by_text("GSVa 800 ms · 6.0 mm")).to_be_visible()

    page.get_by_role("button", name="Evaluate").click()
    page.get_by_label("Examination").fill("Bulging varicosities along the right medial thigh.")
    page.locator("#id_leg-R-clinical_classes_2").check()  # C2
    page.locator("#id_leg-R-pain").select_option("2")
    page.locator("#id_leg-R-varicose_veins").select_option("2")
    page.get_by_test_id("attest").check()
    page.get_by_role("button", name="Save and sign").click()
    expect(page.get_by_test_id("note-status")).to_have_text("Signed")
    expect(page.get_by_test_id("ceap-R")).to_contain_text("C2,S")
    expect(page.get_by_test_id("vcss-R")).to_have_text("4 / 30")

    page.get_by_role("link", name="Halloway").first.click()
    page.get_by_role("button", name="New treatment plan").click()
    page.locator("#id_kind").select_option("rfa")
    page.locator("#id_side").select_option("R")
    page.locator("#id_target_segment").select_option("GSVa")
    page.get_by_role("button", name="Add item").click()
    expect(page.get_by_text("Radiofrequency ablation (ClosureFast) · Right GSVa · CPT 36475")).to_be_visible()
    criteria = page.locator("[data-testid^=criteria-]")
    expect(criteria.get_by_text("Missing: Compression trial: no start date recorded (42 days needed).")).to_be_visible()
    expect(criteria.get_by_text("VCSS documented")).to_be_visible()
    expect(page.locator("[data-testid^=overall-]")).to_contain_text("unknown")
