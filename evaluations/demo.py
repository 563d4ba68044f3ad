"""Demo records for the vein side of the practice. Idempotent: what exists is left alone.

- Marguerite Oakhollow (intake.demo: left-leg varicose veins and cramps) through the vein
  workflow: a final duplex, a signed note with confirmed ICD-10-CM codes, and a signed
  plan (compression trial, then RFA) whose prior-authorization packet can be downloaded.
- A Wells score: a "DVT likely" right leg for Desmond Rivermead at Danville with no
  duplex yet, so the physician's home page shows the flag.
- A second plan that shows the safety checks and a pending prior authorization: Marguerite
  is allergic to polidocanol and takes Eliquis, so the plan's Varithena is stopped by the
  allergy gate, and its RFA waits on a pending prior authorization, listed in the front
  desk's queue.
"""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from clinic.models import Office
from evaluations.models import (
    Diagnosis,
    DuplexStudy,
    Evaluation,
    Icd10Code,
    LegAssessment,
    PayerRuleSet,
    PlanItem,
    PriorAuthorization,
    SegmentFinding,
    TreatmentPlan,
    WellsAssessment,
)
from evaluations.models.safety import AuthorizationStatus
from evaluations.rules.procedures import CompressionClass, ItemKind
from evaluations.services.wells import intake_hints, record_wells
from intake.models import Patient

# (side, segment, reflux ms, diameter mm): reflux in the left great saphenous vein and its junction.
FINDINGS = [
    ("L", "SFJ", 900, Decimal("8.1")),
    ("L", "GSVa", 1250, Decimal("6.8")),
    ("L", "GSVb", 700, Decimal("5.2")),
    ("L", "CFV", 300, Decimal("11.0")),
    ("R", "SFJ", 150, Decimal("6.0")),
    ("R", "GSVa", 120, Decimal("3.9")),
    ("R", "CFV", 250, Decimal("10.5")),
]
# What the physician confirmed: suggested from CEAP C2,3,S on the left, the reflux, and the cramps.
CONFIRMED = ["I83.812", "I87.2", "R25.2"]
DEMO_NOTE = "Demo plan: safety checks and prior authorization."


def signed_note(
    *,
    patient,
    office,
    physician,
    visit_date: datetime.date,
    legs: dict[str, dict],
    study=None,
    diagnoses=(),
    **text: str,
) -> Evaluation:
    """A note the physician has signed (with the attestation): ``legs`` maps a side to its CEAP
    and VCSS fields, ``diagnoses`` are ICD-10-CM codes (those seeded), ``text`` its sections."""
    note = Evaluation.objects.create(
        patient=patient, office=office, physician=physician, duplex_study=study, visit_date=visit_date, **text
    )
    for side, values in legs.items():
        LegAssessment.objects.create(evaluation=note, side=side, **values)
    for code in Icd10Code.objects.filter(code__in=diagnoses):
        Diagnosis.objects.create(evaluation=note, code=code, suggested=True)
    note.sign(physician, attested=True)
    return note


def _signed_workflow(patient, sonographer, physician) -> None:
    if patient.preferred_office is None or Evaluation.objects.filter(patient=patient).exists():
        return
    office = patient.preferred_office
    now = timezone.now()
    study = DuplexStudy.objects.create(
        patient=patient,
        office=office,
        sonographer=sonographer,
        performed_at=now - datetime.timedelta(days=21),
        indication="Left leg aching and varicose veins; night cramps.",
        impression="Left great saphenous reflux from the junction to below the knee; deep veins competent.",
    )
    for side, segment, reflux, diameter in FINDINGS:
        SegmentFinding.objects.create(
            study=study,
            side=side,
            segment=segment,
            reflux_ms=reflux,
            diameter_mm=diameter,
            compressibility=SegmentFinding.Compressibility.FULL,
        )
    study.finalize(by=sonographer)
    note = signed_note(
        patient=patient,
        office=office,
        physician=physician,
        study=study,
        visit_date=timezone.localdate() - datetime.timedelta(days=14),
        legs={
            "L": {
                "clinical_classes": ["C2", "C3"],
                "symptomatic": True,
                "etiology": "Ep",
                "anatomy_superficial": True,
                "pathophysiology": "Pr",
                "segments": ["GSVa", "GSVb"],
                "pain": 2,
                "varicose_veins": 2,
                "venous_edema": 1,
                "compression": 2,
                "limits_daily_life": True,
            },
            "R": {"clinical_classes": ["C1"], "symptomatic": False},
        },
        diagnoses=CONFIRMED,
        history="Aching and heaviness in the left leg by evening; calf cramps at night. Compression since September.",
        exam="Varicosities along the left medial thigh and calf; mild ankle edema on the left.",
        assessment="Symptomatic left great saphenous reflux despite three months of compression.",
        plan_text="Continue 20-30 mmHg stockings; radiofrequency ablation of the left GSV once authorized.",
    )
    plan = TreatmentPlan.objects.create(
        patient=patient,
        evaluation=note,
        created_by=physician,
        payer_rule_set=PayerRuleSet.objects.filter(name="Aetna-style").first(),
    )
    PlanItem.objects.create(
        plan=plan,
        kind=ItemKind.COMPRESSION,
        side="L",
        compression_class=CompressionClass.MMHG_20_30,
        start_date=timezone.localdate() - datetime.timedelta(days=100),
        trial_days=90,
    )
    PlanItem.objects.create(plan=plan, kind=ItemKind.RFA, side="L", target_segment="GSVa")
    plan.sign(physician)


def _wells_score(physician) -> None:
    office = Office.objects.filter(slug="danville").first()
    # The demo patient whose answers tell of a swollen right leg and a past DVT (intake.demo).
    patient = Patient.objects.filter(first_name="Desmond", last_name="Rivermead").first()
    if office is None or patient is None or WellsAssessment.objects.filter(patient=patient).exists():
        return
    hints = intake_hints(patient)["R"]
    record_wells(
        patient=patient,
        office=office,
        side="R",
        present={**dict.fromkeys(hints, True), "calf_swelling_3cm": True, "pitting_edema": True},
        prefilled=list(hints),
        by=physician,
    )


def _plan_with_safety_checks(patient, physician) -> None:
    plan, created = TreatmentPlan.objects.get_or_create(
        patient=patient, notes=DEMO_NOTE, defaults={"created_by": physician}
    )
    if not created:
        return
    PlanItem.objects.create(plan=plan, kind=ItemKind.VARITHENA, side="L", target_segment="GSVb")
    rfa = PlanItem.objects.create(plan=plan, kind=ItemKind.RFA, side="L", target_segment="GSVa")
    plan.sign(physician)
    PriorAuthorization.objects.create(
        item=rfa,
        required=True,
        status=AuthorizationStatus.PENDING,
        submitted_on=timezone.localdate() - datetime.timedelta(days=3),
        payer_reference="EHP-DEMO-0001",
        updated_by=physician,
    )


@transaction.atomic
def load_demo() -> dict[str, int]:
    User = get_user_model()
    sonographer = User.objects.filter(username="sonographer").first()
    physician = User.objects.filter(username="physician").first()
    marguerite = Patient.objects.filter(first_name="Marguerite", last_name="Oakhollow").first()
    if physician is not None:
        if marguerite is not None and sonographer is not None:
            _signed_workflow(marguerite, sonographer, physician)
        _wells_score(physician)
        if marguerite is not None:
            _plan_with_safety_checks(marguerite, physician)
    return {
        "signed notes": Evaluation.objects.signed().count(),
        "Wells scores": WellsAssessment.objects.count(),
        "demo plans": TreatmentPlan.objects.filter(notes=DEMO_NOTE).count(),
    }
