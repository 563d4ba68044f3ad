"""Workflows across records and apps, each atomic and keyword-only."""

from evaluations.services.diagnoses import SuggestedCode, suggested_diagnoses
from evaluations.services.duplex import alert_physicians_of_thrombus, finalize_study, save_finding, start_study
from evaluations.services.necessity import ProcedureCheck, check_plan
from evaluations.services.notes import readings_by_side, start_evaluation, suggested_classes
from evaluations.services.plans import (
    ProcedureNotBooked,
    complete_procedure,
    schedule_procedure,
    sign_plan,
    start_plan,
)

__all__ = [
    "ProcedureCheck",
    "ProcedureNotBooked",
    "SuggestedCode",
    "alert_physicians_of_thrombus",
    "check_plan",
    "complete_procedure",
    "finalize_study",
    "readings_by_side",
    "save_finding",
    "schedule_procedure",
    "sign_plan",
    "start_evaluation",
    "start_plan",
    "start_study",
    "suggested_classes",
    "suggested_diagnoses",
]
