"""Observation (Wells DVT score, HASTI symptom score) and Condition (ICD-10-CM diagnoses).

The CEAP Condition of each leg stays in ``clinical``; a confirmed ICD-10-CM code is a Condition
of its own, since a note's codes are not one per leg (a bilateral code names both legs).
"""

from fhir.resources.R4B.condition import Condition
from fhir.resources.R4B.observation import Observation

from evaluations.models import Diagnosis, WellsAssessment
from intake.models import SymptomScore
from intake.models.symptoms import ITEMS as HASTI_ITEMS
from interop.fhir import valuesets as vs
from interop.fhir.mappings.common import (
    ICD10_CM,
    LOCAL_EXTENSION,
    instant,
    leg_site,
    legs_sites,
    local_code,
    patient_ref,
    practitioner_ref,
)
from interop.fhir.registry import identifier, register, resource_id

SIGNED = "signed"
OCCASION_EXTENSION = f"{LOCAL_EXTENSION}symptom-score-occasion"


@register(
    "Observation",
    prefix="wells",
    # Only the newest of a correction chain counts; the ones it replaced stay in VeinFlow's history.
    queryset=lambda: WellsAssessment.objects.current(),
    patient="patient_id",
    date="visit_date",
)
def wells_observation(row: WellsAssessment) -> Observation:
    """The Wells DVT score of one leg (Wells 2003): the total, likely (2 or more) or unlikely, and a
    component per item that counted with its points. No LOINC code for this score is used (docs/fhir.md):
    it is coded in VeinFlow's own system. A correction of an earlier assessment is ``corrected``."""
    result = row.result
    verdict = "likely" if result.likely else "unlikely"
    return Observation(
        id=resource_id("wells", row.pk),
        identifier=[identifier("wells", row.pk)],
        status=vs.OBSERVATION_STATUS.code("corrected" if row.corrects_id else "final"),
        category=[{"coding": [vs.OBSERVATION_CATEGORY.coding("survey")]}],
        code={"coding": [local_code("wells-dvt", "total", "Wells DVT score")], "text": "Wells DVT score"},
        subject=patient_ref(row.patient_id),
        effectiveDateTime=row.visit_date.isoformat(),
        issued=instant(row.entered_at),
        performer=[practitioner_ref(row.entered_by_id)],
        bodySite=(leg_site(row.side) or [None])[0],
        valueInteger=row.score,
        interpretation=[{"coding": [local_code("wells-dvt-verdict", verdict, result.verdict)], "text": result.verdict}],
        component=[
            {"code": {"coding": [local_code("wells-dvt", item.code, item.label)]}, "valueInteger": item.points}
            for item in result.counted
        ]
        or None,
    )


@register(
    "Observation",
    prefix="hasti",
    # The patient is read for the audit entry's description (SymptomScore.__str__).
    queryset=lambda: SymptomScore.objects.select_related("patient"),
    patient="patient_id",
    date="recorded_at",
)
def symptom_observation(row: SymptomScore) -> Observation:
    """One HASTI questionnaire (VQI Varicose Vein Registry): the total 0-25 and a component per item
    0-5; the occasion (before treatment, 6 weeks or 6 months after a procedure) in an extension."""
    labels = {item: str(SymptomScore._meta.get_field(item).verbose_name).capitalize() for item in HASTI_ITEMS}
    return Observation(
        id=resource_id("hasti", row.pk),
        identifier=[identifier("hasti", row.pk)],
        extension=[
            {
                "url": OCCASION_EXTENSION,
                "valueCoding": local_code("symptom-occasion", row.occasion, str(row.get_occasion_display())),
            }
        ],
        status=vs.OBSERVATION_STATUS.code("final"),
        category=[{"coding": [vs.OBSERVATION_CATEGORY.coding("survey")]}],
        code={
            "coding": [local_code("hasti", "total", "HASTI symptom score total")],
            "text": "Patient-reported vein symptoms (HASTI)",
        },
        subject=patient_ref(row.patient_id),
        effectiveDateTime=instant(row.recorded_at),
        performer=[patient_ref(row.patient_id)],
        valueInteger=row.total,
        component=[
            {"code": {"coding": [local_code("hasti", item, labels[item])]}, "valueInteger": score}
            for item, score in row.scores.items()
        ],
        note=[{"text": "Entered by staff for the patient."}] if row.on_behalf else None,
    )


@register(
    "Condition",
    prefix="diagnosis",
    queryset=lambda: Diagnosis.objects.filter(evaluation__status=SIGNED).select_related("evaluation", "code"),
    patient="evaluation__patient_id",
    date="evaluation__visit_date",
)
def diagnosis_condition(row: Diagnosis) -> Condition:
    """An ICD-10-CM code the physician confirmed on a signed note, written as in the tabular list (with
    its dot); the legs its laterality names as body sites."""
    note, code = row.evaluation, row.code
    return Condition(
        id=resource_id("diagnosis", row.pk),
        identifier=[identifier("diagnosis", row.pk)],
        clinicalStatus={"coding": [vs.CONDITION_CLINICAL.coding("active")]},
        verificationStatus={"coding": [vs.CONDITION_VERIFICATION.coding("confirmed")]},
        category=[{"coding": [vs.CONDITION_CATEGORY.coding("encounter-diagnosis")]}],
        code={"coding": [{"system": ICD10_CM, "code": code.code, "display": code.title}], "text": code.title},
        bodySite=legs_sites(code.laterality) or None,
        subject=patient_ref(note.patient_id),
        recordedDate=note.visit_date,
        recorder=practitioner_ref(note.signed_by_id),
    )
