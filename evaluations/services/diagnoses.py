"""ICD-10-CM suggestions for a note, from its CEAP, its final duplex and the patient's intake answers."""

from dataclasses import dataclass

from evaluations.models import Evaluation, Icd10Code, SegmentFinding
from evaluations.rules import icd10
from evaluations.rules.segments import System, system_of
from intake.models import IntakeRecord
from intake.models.answers import Side as AnswerSide


@dataclass(frozen=True)
class SuggestedCode:
    code: Icd10Code
    reason: str


def leg_facts(evaluation: Evaluation) -> list[icd10.LegFacts]:
    """Each leg as the coding rules read it: only a final duplex counts as a finding."""
    study = evaluation.duplex_study
    findings = list(study.findings.all()) if study is not None and study.is_final else []
    facts = []
    for leg in evaluation.legs.all():
        mine = [f for f in findings if f.side == leg.side]
        facts.append(
            icd10.LegFacts(
                side=leg.side,
                classes=tuple(leg.clinical_classes),
                symptomatic=leg.symptomatic,
                ulcer_site=leg.ulcer_site,
                acute_thrombus=tuple(f.segment for f in mine if f.thrombus == SegmentFinding.Thrombus.ACUTE),
                chronic_deep_thrombus=any(
                    f.thrombus == SegmentFinding.Thrombus.CHRONIC and system_of(f.segment) == System.DEEP for f in mine
                ),
                reflux=any(f.pathological for f in mine),
            )
        )
    return facts


def reports_cramps(evaluation: Evaluation) -> bool:
    """Whether the patient's latest intake answers, on or before the visit, report leg cramps."""
    latest = (
        IntakeRecord.objects.filter(patient_id=evaluation.patient_id, recorded_at__date__lte=evaluation.visit_date)
        .order_by("-recorded_at", "-pk")
        .values_list("cramps", flat=True)
        .first()
    )
    return latest not in (None, AnswerSide.NONE)


def suggested_diagnoses(evaluation: Evaluation) -> list[SuggestedCode]:
    """The rules' suggestions (evaluations/rules/icd10.py) that are active codes in the clinic's list."""
    suggestions = icd10.suggest(leg_facts(evaluation), cramps=reports_cramps(evaluation))
    codes = Icd10Code.objects.active().in_bulk([s.code for s in suggestions], field_name="code")
    return [SuggestedCode(codes[s.code], s.reason) for s in suggestions if s.code in codes]


__all__ = ["SuggestedCode", "leg_facts", "reports_cramps", "suggested_diagnoses"]
