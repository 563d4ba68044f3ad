"""A physician tries to book an RFA over an acute popliteal DVT, is stopped with every reason, then overrides;
the chart shows the patient's allergies first, and the prior-authorization queue lists her."""

import datetime
import os

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from evaluations.models import GateOverride, PayerCriterion, PayerRuleSet
from evaluations.models.plans import ItemStatus
from evaluations.rules.payer import CriterionKind
from tests.conftest import browser_login
from tests.evaluations.test_treatment_plans import _clinic_week
from tests.factories import PASSWORD, OfficeFactory, PatientFactory
from tests.factories.evaluations import PlanItemFactory, PriorAuthorizationFactory, TreatmentPlanFactory, final_study
from tests.factories.intake import AllergyFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("VEINFLOW_SCREENSHOTS", "")


def shot(page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def test_a_physician_is_stopped_from_booking_rfa_over_an_acute_dvt_and_overrides_with_a_reason(page) -> None:
    office = OfficeFactory(name="Danville", slug="danville")
    physician = _clinic_week(office)[0].user
    payer = PayerRuleSet.objects.create(name="Strict payer", requires_prior_authorization=True)
    PayerCriterion.objects.create(
        rule_set=payer, kind=CriterionKind.NO_DEEP_OBSTRUCTION, label="No deep venous obstruction"
    )
    patient = PatientFactory(first_name="Iris", last_name="Okafor", preferred_office=office)
    final_study(patient, side="R", segment="POPV", compressibility="none", thrombus="acute")
    item = PlanItemFactory(plan=TreatmentPlanFactory(patient=patient, payer_rule_set=payer))
    day = timezone.localdate() + datetime.timedelta(days=3)
    # Several pages render a full plan with its checks; a loaded CI machine needs more than the default.
    page.set_default_timeout(30_000)

    browser_login(page, physician.username, PASSWORD)
    page.goto(item.plan.get_absolute_url())
    procedure = page.get_by_test_id(f"procedure-{item.pk}")
    expect(procedure.get_by_test_id(f"gates-{item.pk}")).to_contain_text("Acute DVT")
    procedure.get_by_label("Start (office time)").fill(f"{day:%Y-%m-%d}T09:00")
    procedure.get_by_role("button", name="Schedule", exact=True).click()

    refusal = page.get_by_test_id(f"refusal-{item.pk}")
    expect(refusal).to_contain_text("Acute thrombus in the right POPV")
    expect(refusal).to_contain_text("No deep venous obstruction: not met")
    expect(refusal).to_contain_text("requires prior authorization")
    shot(page, "refused-phone")

    page.get_by_role("button", name="Book anyway, with this reason").click()
    expect(page.get_by_test_id("override-error")).to_contain_text("Write why the procedure should go ahead")
    expect(page.get_by_label("Start (office time)")).to_have_value(f"{day:%Y-%m-%d}T09:00")

    reason = "Calf-limited symptoms resolved; vascular surgery agrees the ablation goes ahead on anticoagulation."
    page.get_by_label("Why book it anyway (physician)").fill(reason)
    page.get_by_role("button", name="Book anyway, with this reason").click()
    expect(page.get_by_text("Booked past the safety checks")).to_be_visible()
    expect(page.get_by_test_id(f"override-{item.pk}")).to_contain_text(reason)
    shot(page, "overridden-phone")
    page.set_viewport_size({"width": 1280, "height": 900})
    shot(page, "overridden-desktop")

    item.refresh_from_db()
    assert item.status == ItemStatus.SCHEDULED
    override = GateOverride.objects.get(item=item)
    assert override.gates == ["acute_dvt", "payer_criteria", "authorization"] and override.overridden_by == physician

    # The same patient's chart opens with her allergies on a phone's first screen; the desk's queue lists her.
    page.set_viewport_size({"width": 390, "height": 844})
    AllergyFactory(patient=patient, agent="polidocanol", severity="severe", reaction="anaphylaxis")
    PriorAuthorizationFactory(item=PlanItemFactory(plan=TreatmentPlanFactory(patient=patient)), status="pending")
    page.goto(patient.get_absolute_url())
    strip = page.get_by_test_id("alert-strip")
    expect(strip).to_contain_text("Polidocanol")
    assert strip.bounding_box()["y"] < 600  # on the first screen of a phone
    shot(page, "chart-phone")
    page.get_by_role("link", name="Add allergy").click()
    page.get_by_label("Allergic to").select_option("other")
    page.get_by_role("button", name="Record allergy").click()
    expect(page.get_by_text("Name the agent the patient is allergic to.")).to_be_visible()
    page.goto("/vein/prior-authorizations/")
    expect(page.get_by_test_id("queue-pending")).to_contain_text("Okafor, Iris")
    shot(page, "queue-phone")
    page.set_viewport_size({"width": 1280, "height": 900})
    shot(page, "queue-desktop")
