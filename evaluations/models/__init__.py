from evaluations.models.diagnoses import Diagnosis, Icd10Code
from evaluations.models.duplex import DuplexStudy, SegmentFinding
from evaluations.models.locking import RecordLocked
from evaluations.models.notes import Addendum, Evaluation, LegAssessment, SignedNoteLocked
from evaluations.models.payers import PayerCriterion, PayerRuleSet
from evaluations.models.plans import PlanItem, TreatmentPlan

__all__ = [
    "Addendum",
    "Diagnosis",
    "Icd10Code",
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
]
