"""Reads across records for pages and panels; each makes a fixed number of queries."""

from typing import Any

from django.db.models import Prefetch

from clinic.audit import log_access_many
from evaluations import diagram, trends
from evaluations.models import (
    DuplexStudy,
    Evaluation,
    LegAssessment,
    PlanItem,
    SegmentFinding,
    TreatmentPlan,
    WellsAssessment,
)
from evaluations.models.plans import PROCEDURE_KINDS, ItemStatus
from intake.models import Patient, SymptomScore
from scheduling.models import Appointment
from scheduling.models.appointments import Status


def studies_in_progress(offices):
    return DuplexStudy.objects.in_progress_at(offices).order_by("performed_at")


def recent_studies(offices):
    return (
        DuplexStudy.objects.filter(office__in=offices, status=DuplexStudy.Status.FINAL)
        .select_related("patient", "office")
        .order_by("-performed_at")
    )


# A procedure item in one of these has closed its segment (the diagram shows it treated).
TREATED = (ItemStatus.DONE, ItemStatus.FOLLOWED_UP)


def treated_segments(patient: Patient) -> set[tuple[str, str]]:
    return set(
        PlanItem.objects.procedures()
        .filter(plan__patient=patient, status__in=TREATED)
        .values_list("side", "target_segment")
    )


def treated_in(plans: list[TreatmentPlan]) -> set[tuple[str, str]]:
    """``treated_segments`` of the patient whose plans these are, read with their items (``plans_for``)."""
    return {
        (item.side, item.target_segment)
        for plan in plans
        for item in plan.items.all()
        if item.kind in PROCEDURE_KINDS and item.status in TREATED
    }


def latest_study(patient: Patient) -> DuplexStudy | None:
    """The latest study with its findings for the chart's diagram, which places each finding by
    side and segment itself: read in key order, not the findings' anatomical default order, whose
    CASE over every segment the ORM builds anew for each query (this read took 32 ms with it and
    15 ms without, side by side on P7's chart)."""
    findings = Prefetch("findings", queryset=SegmentFinding.objects.order_by("pk"))
    return DuplexStudy.objects.for_patient(patient).prefetch_related(findings).first()


def leg_history(patient: Patient) -> list[LegAssessment]:
    return list(
        LegAssessment.objects.filter(evaluation__patient=patient, evaluation__status=Evaluation.Status.SIGNED)
        .select_related("evaluation")
        .order_by("evaluation__visit_date", "evaluation_id", "side")
    )


def symptom_history(patient: Patient) -> list[SymptomScore]:
    """The patient's HASTI questionnaires, oldest first (one query)."""
    return list(SymptomScore.objects.history(patient))


def trends_for(
    patient: Patient, history: list[LegAssessment], scores: list[SymptomScore] | None = None
) -> dict[str, Any]:
    """VCSS and HASTI charts and their numbers, for the chart panel and the vein record;
    ``scores`` when the caller has the patient's symptom history already."""
    scores = symptom_history(patient) if scores is None else scores
    log_access_many(scores)
    return {
        "trend": trends.build(history),
        "vcss_table": trends.vcss_rows(history),
        "symptom_trend": trends.build_symptoms(scores),
        "symptom_scores": scores,
    }


def latest_ceap(history: list[LegAssessment]) -> dict[str, LegAssessment]:
    latest: dict[str, LegAssessment] = {}
    for leg in history:
        latest[leg.side] = leg
    return latest


def wells_for(patient: Patient, *, day=None, limit: int = 6) -> list[WellsAssessment]:
    """The Wells scores that count (latest correction) for a patient, newest visit first; one visit's with ``day``."""
    found = WellsAssessment.objects.current().filter(patient=patient).select_related("entered_by")
    if day is not None:
        found = found.filter(visit_date=day)
    return list(found.order_by("-visit_date", "side")[:limit])


def plans_for(patient: Patient):
    return (
        TreatmentPlan.objects.for_patient(patient)
        .select_related("payer_rule_set", "signed_by")
        .prefetch_related(Prefetch("items", queryset=PlanItem.objects.order_by("pk")))
    )


def patient_vein_record(patient: Patient, *, include_drafts: bool) -> dict[str, Any]:
    """Everything the patient's vein page shows: studies, diagram, notes, plans, trends."""
    studies = list(
        DuplexStudy.objects.for_patient(patient).select_related("office", "sonographer").prefetch_related("findings")
    )
    notes = Evaluation.objects.for_patient(patient).select_related("physician", "signed_by")
    if not include_drafts:
        notes = notes.signed()
    history = leg_history(patient)
    latest = studies[0] if studies else None
    return {
        "studies": studies,
        "latest_study": latest,
        "diagram": diagram.build(latest.findings.all(), treated_segments(patient)) if latest else None,
        "evaluations": list(notes),
        "plans": list(plans_for(patient)),
        **trends_for(patient, history),
        "latest_legs": latest_ceap(history),
        "wells": wells_for(patient),
    }


DUPLEX_TYPES = ("duplex", "post_ablation_duplex")  # scheduling's appointment type codes


def duplex_appointments_for(patient: Patient):
    """The patient's booked duplex visits not yet recorded, for linking a new study."""
    return (
        Appointment.objects.active()
        .filter(patient=patient, appointment_type__code__in=DUPLEX_TYPES, duplex_study__isnull=True)
        .exclude(status=Status.COMPLETED)
        .select_related("office", "appointment_type")
        .order_by("start")
    )


def duplex_visits_today(offices, day) -> list:
    """Sonographer worklist: today's duplex appointments at these offices with no study yet."""
    found = []
    for office in offices:
        found.extend(
            Appointment.objects.for_office_day(office, day)
            .active()
            .filter(appointment_type__code__in=DUPLEX_TYPES, duplex_study__isnull=True)
            .select_related("patient", "office", "appointment_type")
        )
    return sorted(found, key=lambda a: a.start)
