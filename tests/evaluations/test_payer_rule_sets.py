"""The three seeded payer rule sets (docs/clinical-rules.md) on plans that meet them, fail them, and lack evidence."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from evaluations.rules.payer import Status
from evaluations.rules.procedures import ItemKind
from evaluations.services import check_plan
from tests.clock import SUITE_TODAY
from tests.factories import PatientFactory
from tests.factories.evaluations import (
    DuplexStudyFactory,
    PlanItemFactory,
    SegmentFindingFactory,
    TreatmentPlanFactory,
    compression_trial,
    rule_set,
    signed_evaluation,
)

pytestmark = pytest.mark.django_db

TODAY = SUITE_TODAY


def _study(patient, *, reflux=800, diameter="6.0", days_ago=30, deep_thrombus=False):
    study = DuplexStudyFactory(patient=patient, performed_at=timezone.now() - datetime.timedelta(days=days_ago))
    SegmentFindingFactory(study=study, segment="SFJ", reflux_ms=reflux, diameter_mm=Decimal("8.0"))
    SegmentFindingFactory(study=study, segment="GSVa", reflux_ms=reflux, diameter_mm=Decimal(diameter))
    if deep_thrombus:
        SegmentFindingFactory(study=study, segment="FV", reflux_ms=None, compressibility="none", thrombus="acute")
    else:
        SegmentFindingFactory(study=study, segment="CFV", reflux_ms=300, diameter_mm=Decimal("12"))
    return study


def _plan(name: str, *, kind=ItemKind.RFA, trial_days_ago: int | None = 100, note: dict | None = None, **study):
    patient = PatientFactory()
    duplex = _study(patient, **study) if study is not None else None
    if note is not False:
        legs = {"R": note or {"clinical_classes": ["C2"], "pain": 2, "varicose_veins": 2, "limits_daily_life": True}}
        signed_evaluation(patient, study=duplex, legs=legs)
    plan = TreatmentPlanFactory(patient=patient, payer_rule_set=rule_set(name))
    if trial_days_ago is not None:
        compression_trial(plan, started=TODAY - datetime.timedelta(days=trial_days_ago))
    item = PlanItemFactory(plan=plan, kind=kind, side="R", target_segment="GSVa")
    return plan, item


def _verdicts(plan) -> dict[str, object]:
    (check,) = check_plan(plan)
    return {v.label: v for v in check.verdicts}, check


def test_aetna_style_is_met_by_recent_duplex_junctional_reflux_diameter_symptoms_and_a_3_month_trial() -> None:
    plan, _ = _plan("Aetna-style")
    verdicts, check = _verdicts(plan)
    assert check.overall == Status.MET, [v for v in check.verdicts if v.status != Status.MET]
    assert "800 ms" in verdicts["Junctional reflux ≥ 500 ms (SFJ or SPJ)"].evidence


def test_aetna_style_fails_a_short_compression_trial_and_says_how_far_along_it_is() -> None:
    plan, _ = _plan("Aetna-style", trial_days_ago=41)
    _, check = _verdicts(plan)
    assert check.overall == Status.NOT_MET
    (trial,) = check.unmet
    assert trial.missing == "Compression trial: 41 of 90 days."


def test_aetna_style_waives_the_trial_for_an_ulcer() -> None:
    plan, _ = _plan("Aetna-style", trial_days_ago=None, note={"clinical_classes": ["C6"], "active_ulcers": 1})
    _, check = _verdicts(plan)
    assert check.overall == Status.MET


def test_aetna_style_fails_a_4_4_mm_vein_and_considers_venaseal_investigational() -> None:
    plan, _ = _plan("Aetna-style", kind=ItemKind.VENASEAL, diameter="4.4")
    verdicts, check = _verdicts(plan)
    assert verdicts["Vein diameter ≥ 4.5 mm"].status == Status.NOT_MET
    assert verdicts["VenaSeal cyanoacrylate closure is considered investigational"].status == Status.NOT_MET


def test_aetna_style_duplex_older_than_6_months_is_not_met() -> None:
    plan, _ = _plan("Aetna-style", days_ago=200)
    verdicts, _ = _verdicts(plan)
    assert verdicts["Duplex ultrasound within the last 6 months"].status == Status.NOT_MET


def test_aetna_style_without_a_duplex_or_a_signed_note_is_unknown_and_says_what_is_missing() -> None:
    plan, _ = _no_evidence("Aetna-style")
    _, check = _verdicts(plan)
    assert check.overall == Status.UNKNOWN
    missing = " ".join(v.missing for v in check.unmet)
    assert "No duplex study of this leg on file." in missing
    assert "A signed evaluation documenting the indication." in missing


def _no_evidence(name: str):
    plan = TreatmentPlanFactory(payer_rule_set=rule_set(name))
    item = PlanItemFactory(plan=plan, kind=ItemKind.RFA, side="R", target_segment="GSVa")
    return plan, item


def test_unitedhealthcare_style_is_met_by_reflux_and_a_5_5_mm_gsv_at_the_proximal_thigh() -> None:
    plan, _ = _plan("UnitedHealthcare-style", trial_days_ago=None, diameter="5.5")
    _, check = _verdicts(plan)
    assert check.overall == Status.MET


def test_unitedhealthcare_style_fails_a_5_4_mm_gsv_and_does_not_cover_varithena() -> None:
    plan, _ = _plan("UnitedHealthcare-style", kind=ItemKind.VARITHENA, diameter="5.4")
    verdicts, check = _verdicts(plan)
    assert check.overall == Status.NOT_MET
    assert verdicts["GSV diameter ≥ 5.5 mm at the proximal thigh"].status == Status.NOT_MET
    assert verdicts["VenaSeal and Varithena are not covered"].status == Status.NOT_MET


def test_unitedhealthcare_style_without_a_duplex_is_unknown() -> None:
    plan, _ = _no_evidence("UnitedHealthcare-style")
    _, check = _verdicts(plan)
    assert check.overall == Status.UNKNOWN


def test_medicare_style_is_met_with_a_6_week_trial_documented_ceap_and_vcss_and_patent_deep_veins() -> None:
    plan, _ = _plan("Medicare LCD-style", trial_days_ago=42)
    _, check = _verdicts(plan)
    assert check.overall == Status.MET, check.unmet


def test_medicare_style_waives_the_trial_for_vcss_6() -> None:
    note = {"clinical_classes": ["C2"], "pain": 3, "varicose_veins": 3}
    plan, _ = _plan("Medicare LCD-style", trial_days_ago=None, note=note)
    verdicts, check = _verdicts(plan)
    assert check.overall == Status.MET
    assert "VCSS 6 ≥ 6" in next(v.evidence for v in check.verdicts if v.label.startswith("Conservative trial"))


def test_medicare_style_fails_with_deep_vein_thrombus_and_a_short_trial() -> None:
    plan, _ = _plan("Medicare LCD-style", trial_days_ago=41, deep_thrombus=True)
    verdicts, check = _verdicts(plan)
    assert verdicts["No deep venous obstruction on duplex"].status == Status.NOT_MET
    trial = next(v for v in check.verdicts if v.label.startswith("Conservative trial"))
    assert trial.missing == "Compression trial: 41 of 42 days."


def test_medicare_style_refuses_venaseal_in_a_vein_over_12_mm() -> None:
    plan, _ = _plan("Medicare LCD-style", kind=ItemKind.VENASEAL, diameter="12.1")
    verdicts, _ = _verdicts(plan)
    assert verdicts["Vein diameter ≤ 12 mm for VenaSeal or Varithena"].status == Status.NOT_MET


def test_medicare_style_without_a_signed_note_leaves_ceap_and_vcss_unknown() -> None:
    plan, _ = _no_evidence("Medicare LCD-style")
    verdicts, _ = _verdicts(plan)
    assert verdicts["CEAP classification documented"].status == Status.UNKNOWN
    assert verdicts["VCSS documented"].status == Status.UNKNOWN


def test_an_admin_edit_to_a_rule_set_changes_the_verdict_without_a_code_change() -> None:
    plan, _ = _plan("UnitedHealthcare-style", trial_days_ago=None, diameter="5.5")
    criterion = rule_set("UnitedHealthcare-style").criteria.get(label__startswith="GSV diameter")
    criterion.number = Decimal("6.0")
    criterion.save()
    verdicts, _ = _verdicts(plan)
    assert verdicts["GSV diameter ≥ 5.5 mm at the proximal thigh"].status == Status.NOT_MET
