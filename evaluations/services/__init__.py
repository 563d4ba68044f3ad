"""Workflows across records and apps, each atomic and keyword-only."""

from evaluations.services.authorizations import record_authorization_number, update_prior_authorization
from evaluations.services.diagnoses import SuggestedCode, suggested_diagnoses
from evaluations.services.duplex import alert_physicians_of_thrombus, finalize_study, save_finding, start_study
from evaluations.services.gates import item_gates, plan_gates
from evaluations.services.necessity import ProcedureCheck, check_plan
from evaluations.services.notes import readings_by_side, reported_skin_signs, start_evaluation, suggested_classes
from evaluations.services.plans import (
    ProcedureNotBooked,
    SafetyGatesClosed,
    complete_procedure,
    schedule_procedure,
    sign_plan,
    start_plan,
)

__all__ = [
    "ProcedureCheck",
    "ProcedureNotBooked",
    "SafetyGatesClosed",
    "SuggestedCode",
    "alert_physicians_of_thrombus",
    "check_plan",
    "complete_procedure",
    "finalize_study",
    "item_gates",
    "plan_gates",
    "readings_by_side",
    "reported_skin_signs",
    "record_authorization_number",
    "save_finding",
    "schedule_procedure",
    "sign_plan",
    "start_evaluation",
    "start_plan",
    "start_study",
    "suggested_classes",
    "update_prior_authorization",
    "suggested_diagnoses",
]
