from evaluations.models.diagnoses import Diagnosis, Icd10Code
from evaluations.models.duplex import DuplexStudy, SegmentFinding
from evaluations.models.locking import RecordLocked
from evaluations.models.notes import Addendum, Evaluation, LegAssessment, SignedNoteLocked
from evaluations.models.payers import PayerCriterion, PayerRuleSet
from evaluations.models.plans import PlanItem, TreatmentPlan
from evaluations.models.safety import AuthorizationStatus, GateOverride, PriorAuthorization
from evaluations.models.wells import WellsAssessment

__all__ = [
    "Addendum",
    "AuthorizationStatus",
    "Diagnosis",
    "Icd10Code",
    "DuplexStudy",
    "Evaluation",
    "GateOverride",
    "LegAssessment",
    "PayerCriterion",
    "PayerRuleSet",
    "PlanItem",
    "PriorAuthorization",
    "RecordLocked",
    "SegmentFinding",
    "SignedNoteLocked",
    "TreatmentPlan",
    "WellsAssessment",
]
