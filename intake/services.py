"""Intake workflows: submitting a screening, recording a questionnaire, converting
a screening into a patient. Each is atomic and keyword-only; the portal calls
record_intake() with source=PATIENT just as the staff pages call it with STAFF."""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from intake.models import IntakeRecord, Patient, ScreeningSubmission, SymptomScore
from intake.models.answers import ANSWER_FIELDS


class ScreeningClosed(Exception):
    """The screening was already converted or declined (perhaps by a colleague just now)."""


@dataclass(frozen=True)
class PatientMatch:
    patient: Patient
    strength: str  # "sure" or "possible"

    @property
    def is_sure(self) -> bool:
        return self.strength == "sure"


def match_patients(
    *, first_name: str, last_name: str, date_of_birth: date, phone: str, email: str
) -> list[PatientMatch]:
    """Existing patients these details may describe, sure matches first. One query."""
    details = {
        "first_name": first_name,
        "last_name": last_name,
        "date_of_birth": date_of_birth,
        "phone": phone,
        "email": email,
    }
    matches = []
    for patient in Patient.objects.duplicate_candidates(date_of_birth=date_of_birth, phone=phone):
        strength = patient.match_strength(**details)
        if strength:
            matches.append(PatientMatch(patient, strength))
    return sorted(matches, key=lambda m: (not m.is_sure, m.patient.last_name, m.patient.first_name, m.patient.pk))


def matches_for_screening(submission: ScreeningSubmission) -> list[PatientMatch]:
    return match_patients(
        first_name=submission.first_name,
        last_name=submission.last_name,
        date_of_birth=submission.date_of_birth,
        phone=submission.phone,
        email=submission.email,
    )


@transaction.atomic
def submit_screening(*, submission: ScreeningSubmission) -> ScreeningSubmission:
    """Triage and store a screening from the public form."""
    submission.submitted_at = timezone.now()
    submission.apply_triage()
    submission.full_clean()
    submission.save()
    return submission


@transaction.atomic
def record_intake(
    *,
    patient: Patient,
    data: dict[str, Any],
    entered_by: Any,
    source: str,
    screening: ScreeningSubmission | None = None,
    recorded_at: datetime | None = None,
) -> IntakeRecord:
    """Add a dated questionnaire to the patient's history; earlier ones stay as they were."""
    unknown = set(data) - set(ANSWER_FIELDS)
    if unknown:
        raise ValueError(f"not intake answers: {sorted(unknown)}")
    record = IntakeRecord(
        patient=patient,
        source=source,
        entered_by=entered_by if getattr(entered_by, "is_authenticated", False) else None,
        screening=screening,
        recorded_at=recorded_at or timezone.now(),
        **data,
    )
    record.full_clean()
    record.save()
    return record


def _patient_from(submission: ScreeningSubmission) -> Patient:
    patient = Patient(
        first_name=submission.first_name.strip(),
        last_name=submission.last_name.strip(),
        date_of_birth=submission.date_of_birth,
        sex_at_birth=submission.sex_at_birth,
        phone=submission.phone,
        email=submission.email,
        preferred_office=submission.preferred_office,
        preferred_language=submission.preferred_language,
    )
    patient.set_consents(sms=submission.sms_consent, email=submission.email_consent, at=submission.submitted_at)
    return patient


def _fill_blanks(patient: Patient, submission: ScreeningSubmission) -> None:
    """Add what the chart lacks; what the clinic already has is never overwritten."""
    if not patient.email and submission.email:
        patient.email = submission.email
    if patient.preferred_office_id is None and submission.preferred_office_id:
        patient.preferred_office_id = submission.preferred_office_id
    patient.set_consents(
        sms=patient.sms_consent or submission.sms_consent,
        email=patient.email_consent or submission.email_consent,
        at=submission.submitted_at,
    )


@transaction.atomic
def convert_screening(*, submission: ScreeningSubmission, by: Any, patient: Patient | None = None) -> Patient:
    """Register the screening's visitor as a patient and carry every answer over.

    With ``patient`` the answers join that chart (the front desk chose it in the
    merge view). Without it, a sure match (same name and birth date plus phone
    or email) is used instead of creating a duplicate; otherwise a new chart.
    """
    locked = ScreeningSubmission.objects.select_for_update().get(pk=submission.pk)
    if not locked.is_open:
        raise ScreeningClosed(f"screening {locked.pk} is already {locked.get_status_display().lower()}")
    if patient is None:
        sure = [m.patient for m in matches_for_screening(locked) if m.is_sure]
        patient = sure[0] if sure else None
    if patient is None:
        patient = _patient_from(locked)
    else:
        _fill_blanks(patient, locked)
    patient.full_clean()
    patient.save()

    record_intake(
        patient=patient,
        data=locked.answers(),
        entered_by=by,
        source=IntakeRecord.Source.PATIENT,
        screening=locked,
        recorded_at=locked.submitted_at,
    )
    locked.status = ScreeningSubmission.Status.CONVERTED
    locked.patient = patient
    locked.handled_by = by
    locked.handled_at = timezone.now()
    locked.save(update_fields=["status", "patient", "handled_by", "handled_at"])
    submission.refresh_from_db()
    return patient


@transaction.atomic
def record_symptom_score(
    *,
    patient: Patient,
    scores: dict[str, int],
    occasion: str,
    source: str,
    entered_by: Any,
    now: datetime | None = None,
) -> SymptomScore:
    """One HASTI questionnaire, as the patient answered it (in the portal, or told the desk)."""
    return SymptomScore.objects.create(
        patient=patient,
        occasion=occasion,
        source=source,
        entered_by=entered_by,
        recorded_at=now or timezone.now(),
        **scores,
    )
