from evaluations.models.duplex import DuplexStudy, SegmentFinding
from evaluations.models.locking import RecordLocked
from evaluations.models.notes import Addendum, Evaluation, LegAssessment, SignedNoteLocked
from evaluations.models.payers import PayerCriterion, PayerRuleSet
from evaluations.models.plans import PlanItem, TreatmentPlan
from evaluations.models.wells import WellsAssessment

__all__ = [
    "Addendum",
    "DuplexStudy",
    "Evaluation",
    "LegAssessment",
    "PayerCriterion",
    "PayerRuleSet",
    "PlanItem",
    "RecordLocked",
    "SegmentFinding",
    "SignedNoteLocked",
    "TreatmentPlan",
    "WellsAssessment",
]
