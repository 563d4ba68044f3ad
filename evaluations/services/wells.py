"""Entering a Wells DVT score, and which "DVT likely" visits still want a duplex."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from clinic.models import Office
from evaluations.models import DuplexStudy, WellsAssessment
from evaluations.rules import wells
from intake.models import Condition, IntakeRecord, Patient
from intake.models.answers import LEGS
from intake.models.answers import Side as IntakeSide
from scheduling.models import Appointment, local_day_bounds

INTAKE_LEG = {"R": IntakeSide.RIGHT.value, "L": IntakeSide.LEFT.value}

# Clinic policy: a "DVT likely" score stays on the physicians' home page for a week of
# visit days unless a duplex was recorded the same day; after that the visit is history.
LIKELY_FLAG_DAYS = 7


def intake_hints(patient: Patient) -> dict[str, dict[str, str]]:
    """By leg ("R", "L"): the Wells items the patient's latest intake answers suggest, each with why."""
    record = IntakeRecord.objects.latest_for(patient)
    if record is None:
        return {side: {} for side in INTAKE_LEG}
    swollen = {leg for leg in LEGS if IntakeSide.covers(record.swelling, leg)}
    return {
        side: wells.hints_from_answers(
            previous_dvt=Condition.PREVIOUS_DVT in record.conditions,
            swollen_legs=swollen,
            sudden=record.swelling_sudden,
            leg=leg,
        )
        for side, leg in INTAKE_LEG.items()
    }


def visit_day(office: Office, now: datetime.datetime | None = None) -> datetime.date:
    return timezone.localtime(now or timezone.now(), office.zone).date()


def current_for_visit(patient: Patient, side: str, day: datetime.date) -> WellsAssessment | None:
    return (
        WellsAssessment.objects.current()
        .filter(patient=patient, visit_date=day, side=side)
        .select_related("entered_by")
        .first()
    )


@transaction.atomic
def record_wells(
    *,
    patient: Patient,
    office: Office,
    side: str,
    present: dict[str, bool],
    prefilled: list[str],
    by,
    now: datetime.datetime | None = None,
) -> WellsAssessment:
    """A new assessment for today's visit; it corrects the one that counted until now, if any."""
    now = now or timezone.now()
    day = visit_day(office, now)
    first, last = local_day_bounds(day, office.zone)
    appointment = (
        Appointment.objects.active()
        .filter(patient=patient, office=office, start__lt=last, end__gt=first)
        .order_by("start")
        .first()
    )
    earlier = current_for_visit(patient, side, day)
    assessment = WellsAssessment(
        patient=patient,
        office=office,
        visit_date=day,
        appointment=appointment,
        side=side,
        prefilled=sorted(prefilled, key=wells.CODES.index),
        corrects=earlier,
        entered_by=by,
        entered_at=now,
        score=wells.score(present).score,
        **{code: bool(present.get(code)) for code in wells.CODES},
    )
    assessment.full_clean()
    try:
        with transaction.atomic():
            assessment.save()
    except IntegrityError as clash:
        # Two people corrected the same assessment at once: the one-to-one "corrects" lets one win.
        raise ValidationError(
            "Someone else entered a Wells score for this leg a moment ago. Reload the page to see it, then correct it."
        ) from clash
    return assessment


@dataclass(frozen=True)
class LikelyWithoutDuplex:
    assessment: WellsAssessment

    @property
    def patient(self) -> Patient:
        return self.assessment.patient


def likely_without_same_day_duplex(offices, *, today: datetime.date) -> list[LikelyWithoutDuplex]:
    """Current "DVT likely" scores at these offices with no duplex for the patient that visit day.

    Two queries whatever the number of rows: the scores, then the patients' studies around
    those days, matched in Python on the day in the assessing office's zone.
    """
    first_day = today - datetime.timedelta(days=LIKELY_FLAG_DAYS - 1)
    likely = list(WellsAssessment.objects.likely_since(offices, first_day)[:50])
    if not likely:
        return []
    # A day in any zone lies within a day either side of the UTC dates.
    start = datetime.datetime.combine(first_day - datetime.timedelta(days=1), datetime.time(), datetime.UTC)
    studies = DuplexStudy.objects.filter(patient_id__in={a.patient_id for a in likely}, performed_at__gte=start)
    by_patient: dict[int, list[datetime.datetime]] = {}
    for patient_id, performed_at in studies.values_list("patient_id", "performed_at"):
        by_patient.setdefault(patient_id, []).append(performed_at)
    return [
        LikelyWithoutDuplex(a)
        for a in likely
        if not any(
            timezone.localtime(at, a.office.zone).date() == a.visit_date for at in by_patient.get(a.patient_id, [])
        )
    ]
