"""Intake's records: patients, screening submissions, intake questionnaires, the drug catalogue."""

from intake.models.accounts import IdentityChangeRequest, IntakeDraft, PortalInvitation
from intake.models.allergies import Allergy, AllergyAgent, AllergySeverity
from intake.models.answers import (
    CompressionUse,
    Condition,
    CrampDuration,
    CrampLocation,
    Pregnancy,
    PriorTreatment,
    Side,
    Smoking,
)
from intake.models.drugs import Antithrombotic, DrugClass, DrugName
from intake.models.patients import Language, Patient
from intake.models.records import IntakeRecord
from intake.models.screening import ScreeningSubmission, TriageLevel
from intake.models.symptoms import Occasion, SymptomScore

__all__ = [
    "Allergy",
    "AllergyAgent",
    "AllergySeverity",
    "Antithrombotic",
    "CompressionUse",
    "Condition",
    "CrampDuration",
    "CrampLocation",
    "DrugClass",
    "DrugName",
    "IdentityChangeRequest",
    "IntakeDraft",
    "IntakeRecord",
    "Occasion",
    "Language",
    "Patient",
    "PortalInvitation",
    "Pregnancy",
    "PriorTreatment",
    "ScreeningSubmission",
    "Side",
    "Smoking",
    "SymptomScore",
    "TriageLevel",
]
