"""Condition (CEAP per leg), Observation (duplex segment findings, VCSS), Procedure (CPT) and CarePlan.

Only signed notes, signed plans and final studies leave VeinFlow: a draft can still change.
"""

from django.db.models import Prefetch
from fhir.resources.R4B.careplan import CarePlan
from fhir.resources.R4B.condition import Condition
from fhir.resources.R4B.observation import Observation
from fhir.resources.R4B.procedure import Procedure

from evaluations.models import DuplexStudy, LegAssessment, PlanItem, SegmentFinding, TreatmentPlan
from evaluations.models.plans import PROCEDURE_KINDS, ItemStatus
from evaluations.rules import vcss
from interop.fhir import valuesets as vs
from interop.fhir.mappings.common import (
    CPT,
    instant,
    leg_site,
    local_code,
    location_ref,
    patient_ref,
    practitioner_ref,
    quantity,
)
from interop.fhir.registry import identifier, register, resource_id

SIGNED = "signed"


def _signed_legs():
    return LegAssessment.objects.filter(evaluation__status=SIGNED).select_related("evaluation")


@register(
    "Condition",
    prefix="ceap",
    queryset=_signed_legs,
    patient="evaluation__patient_id",
    date="evaluation__visit_date",
)
def ceap_condition(row: LegAssessment) -> Condition:
    """Chronic venous disease of one leg as CEAP 2020 classifies it (Lurie 2020): one coding per
    clinical class present, the whole classification as text. The note's ICD-10-CM codes are
    Conditions of their own (``assessments.diagnosis_condition``)."""
    note = row.evaluation
    return Condition(
        id=resource_id("ceap", row.pk),
        identifier=[identifier("ceap", row.pk)],
        clinicalStatus={"coding": [vs.CONDITION_CLINICAL.coding("active")]},
        verificationStatus={"coding": [vs.CONDITION_VERIFICATION.coding("confirmed")]},
        category=[{"coding": [vs.CONDITION_CATEGORY.coding("encounter-diagnosis")]}],
        code={
            "coding": [local_code("ceap-2020", c) for c in row.clinical_classes] or None,
            "text": f"CEAP {row.ceap_text}",
        },
        bodySite=leg_site(row.side),
        subject=patient_ref(note.patient_id),
        recordedDate=note.visit_date,
        recorder=practitioner_ref(note.signed_by_id),
    )


@register(
    "Observation",
    prefix="vcss",
    queryset=_signed_legs,
    patient="evaluation__patient_id",
    date="evaluation__visit_date",
)
def vcss_observation(row: LegAssessment) -> Observation:
    """Revised Venous Clinical Severity Score (Vasquez 2010) of one leg: the total, and each item 0-3."""
    note = row.evaluation
    return Observation(
        id=resource_id("vcss", row.pk),
        identifier=[identifier("vcss", row.pk)],
        status=vs.OBSERVATION_STATUS.code("final"),
        category=[{"coding": [vs.OBSERVATION_CATEGORY.coding("exam")]}],
        code={"coding": [local_code("vcss", "total", "Revised VCSS total")], "text": "Revised VCSS"},
        subject=patient_ref(note.patient_id),
        effectiveDateTime=note.visit_date.isoformat(),
        performer=[practitioner_ref(note.signed_by_id)],
        bodySite=(leg_site(row.side) or [None])[0],
        valueInteger=row.vcss_total,
        component=[
            {"code": {"coding": [local_code("vcss", item, vcss.VcssItem(item).label)]}, "valueInteger": score}
            for item, score in row.vcss_scores.items()
        ],
    )


@register(
    "Observation",
    prefix="finding",
    queryset=lambda: SegmentFinding.objects.filter(study__status=DuplexStudy.Status.FINAL).select_related("study"),
    patient="study__patient_id",
    date="study__performed_at",
)
def segment_observation(row: SegmentFinding) -> Observation:
    """What the duplex study found in one vein segment: reflux time (ms) and diameter (mm) in UCUM,
    compressibility and thrombus as codes (SVS/AVF 2011 thresholds: docs/clinical-rules.md)."""
    study = row.study
    components = []
    if row.reflux_ms is not None:
        components.append(
            {
                "code": {"coding": [local_code("duplex", "reflux-time", "Reflux time")]},
                "valueQuantity": quantity(row.reflux_ms, "ms"),
            }
        )
    if row.diameter_mm is not None:
        components.append(
            {
                "code": {"coding": [local_code("duplex", "diameter", "Vein diameter")]},
                "valueQuantity": quantity(row.diameter_mm, "mm"),
            }
        )
    if row.compressibility:
        components.append(
            {
                "code": {"coding": [local_code("duplex", "compressibility", "Compressibility")]},
                "valueCodeableConcept": {
                    "coding": [local_code("compressibility", row.compressibility, row.get_compressibility_display())]
                },
            }
        )
    if row.thrombus:
        components.append(
            {
                "code": {"coding": [local_code("duplex", "thrombus", "Thrombus")]},
                "valueCodeableConcept": {"coding": [local_code("thrombus", row.thrombus, row.get_thrombus_display())]},
            }
        )
    return Observation(
        id=resource_id("finding", row.pk),
        identifier=[identifier("finding", row.pk)],
        status=vs.OBSERVATION_STATUS.code("final"),
        category=[{"coding": [vs.OBSERVATION_CATEGORY.coding("imaging")]}],
        code={
            "coding": [local_code("vein-segment", row.segment, row.get_segment_display())],
            "text": f"Duplex: {row.get_side_display().lower()} {row.get_segment_display()}",
        },
        subject=patient_ref(study.patient_id),
        effectiveDateTime=instant(study.performed_at),
        performer=[practitioner_ref(study.sonographer_id)],
        bodySite=(leg_site(row.side) or [None])[0],
        note=[{"text": text} for text in (row.location, row.notes) if text] or None,
        component=components or None,
        partOf=[{"reference": f"Procedure/{resource_id('duplex', study.pk)}"}],
    )


@register(
    "Procedure",
    prefix="duplex",
    # The patient is read for the audit entry's description (DuplexStudy.__str__).
    queryset=lambda: DuplexStudy.objects.filter(status=DuplexStudy.Status.FINAL).select_related("patient"),
    patient="patient_id",
    date="performed_at",
)
def duplex_procedure(row: DuplexStudy) -> Procedure:
    """The duplex study itself, billed as CPT 93970 (bilateral) or 93971 (unilateral)."""
    return Procedure(
        id=resource_id("duplex", row.pk),
        identifier=[identifier("duplex", row.pk)],
        status=vs.EVENT_STATUS.code("completed"),
        code={"coding": [{"system": CPT, "code": row.cpt_code}], "text": "Venous duplex ultrasound"},
        subject=patient_ref(row.patient_id),
        performedDateTime=instant(row.performed_at),
        performer=[{"actor": practitioner_ref(row.sonographer_id)}],
        location=location_ref(row.office_id),
        note=[{"text": row.impression}] if row.impression else None,
    )


def _done_procedures():
    return (
        PlanItem.objects.filter(
            plan__status=SIGNED,
            kind__in=PROCEDURE_KINDS,
            status__in=[ItemStatus.DONE, ItemStatus.FOLLOWED_UP],
        )
        .select_related("plan")
        .prefetch_related(Prefetch("plan__items", queryset=PlanItem.objects.order_by("pk")))
    )


@register("Procedure", prefix="procedure", queryset=_done_procedures, patient="plan__patient_id", date="done_on")
def treatment_procedure(row: PlanItem) -> Procedure:
    """A vein procedure done, with its CPT code as billed within its plan (first vein or add-on)."""
    plan = row.plan
    cpt = plan.cpt_codes(list(plan.items.all())).get(row.pk)
    return Procedure(
        id=resource_id("procedure", row.pk),
        identifier=[identifier("procedure", row.pk)],
        basedOn=[{"reference": f"CarePlan/{resource_id('careplan', plan.pk)}"}],
        status=vs.EVENT_STATUS.code("completed"),
        code={
            "coding": [{"system": CPT, "code": cpt}] if cpt else None,
            "text": f"{row.get_kind_display()}, {row.get_target_segment_display()}",
        },
        subject=patient_ref(plan.patient_id),
        performedDateTime=row.done_on.isoformat(),
        bodySite=leg_site(row.side) or None,
    )


# Plan item status -> CarePlan activity status.
ACTIVITY_STATUS = {
    ItemStatus.PROPOSED: "not-started",
    ItemStatus.AUTHORIZED: "not-started",
    ItemStatus.SCHEDULED: "scheduled",
    ItemStatus.DONE: "completed",
    ItemStatus.FOLLOWED_UP: "completed",
}


def _signed_plans():
    return (
        TreatmentPlan.objects.filter(status=SIGNED)
        .select_related("patient")
        .prefetch_related(Prefetch("items", queryset=PlanItem.objects.order_by("pk")))
    )


@register("CarePlan", prefix="careplan", queryset=_signed_plans, patient="patient_id", date="signed_at")
def care_plan(row: TreatmentPlan) -> CarePlan:
    """The signed treatment plan; each item an activity, procedures with the CPT code they bill."""
    items = list(row.items.all())
    codes = row.cpt_codes(items)
    activities = []
    for item in items:
        detail = {
            "status": vs.CARE_PLAN_ACTIVITY_STATUS.code(ACTIVITY_STATUS[item.status]),
            "code": {
                "coding": [{"system": CPT, "code": codes[item.pk]}] if item.pk in codes else None,
                "text": str(item),
            },
            "description": item.instructions or None,
        }
        if item.is_procedure:
            detail["kind"] = vs.CARE_PLAN_ACTIVITY_KIND.code("ServiceRequest")
        activities.append({"detail": detail})
    open_items = any(item.is_open for item in items)
    return CarePlan(
        id=resource_id("careplan", row.pk),
        identifier=[identifier("careplan", row.pk)],
        status=vs.CARE_PLAN_STATUS.code("active" if open_items else "completed"),
        intent=vs.CARE_PLAN_INTENT.code("plan"),
        title="Vein treatment plan",
        description=row.notes or None,
        subject=patient_ref(row.patient_id),
        created=instant(row.signed_at),
        author=practitioner_ref(row.signed_by_id),
        activity=activities or None,
    )
