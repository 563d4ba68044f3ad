from intake.forms.allergies import AllergyForm
from intake.forms.patients import IntakeForm, PatientForm, PatientSearchForm
from intake.forms.screening import NEW_PATIENT, ConvertForm, ScreeningForm, ScreeningStatusForm
from intake.forms.symptoms import SymptomScoreForm

__all__ = [
    "NEW_PATIENT",
    "AllergyForm",
    "ConvertForm",
    "IntakeForm",
    "PatientForm",
    "PatientSearchForm",
    "ScreeningForm",
    "ScreeningStatusForm",
    "SymptomScoreForm",
]
