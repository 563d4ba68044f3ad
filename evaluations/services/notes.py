"""Starting evaluation notes prefilled from the latest duplex."""

from django.db import IntegrityError, transaction

from clinic.models import Office
from evaluations.models import (
    DuplexStudy,
    Evaluation,
    LegAssessment,
)
from evaluations.rules import ceap
from evaluations.rules.segments import Side
from intake.models import IntakeRecord, Patient
from intake.models.answers import Side as IntakeSide


def readings_by_side(study: DuplexStudy | None) -> dict[str, list]:
    found: dict[str, list] = {Side.RIGHT: [], Side.LEFT: []}
    if study is not None:
        for f in study.findings.all():
            found[f.side].append(f.reading())
    return found


def start_evaluation(*, patient: Patient, office: Office, by) -> Evaluation:
    """The physician's open draft for this patient, or a new one.

    Pressing "Evaluate" again, or twice at once, never makes a second draft: the database
    keeps one open draft per patient and physician (evaluation_one_open_draft_per_physician),
    and the loser of a race reopens the winner's.
    """
    existing = Evaluation.objects.filter(patient=patient, physician=by, status=Evaluation.Status.DRAFT).first()
    if existing is not None:
        return existing
    try:
        return _new_evaluation(patient=patient, office=office, by=by)
    except IntegrityError:
        return Evaluation.objects.get(patient=patient, physician=by, status=Evaluation.Status.DRAFT)


@transaction.atomic
def _new_evaluation(*, patient: Patient, office: Office, by) -> Evaluation:
    """A draft note for today, prefilled from the latest duplex: which study it reads, CEAP A and P, segments.

    The clinical class is only suggested on the form; the physician sets it after the exam.
    """
    study = DuplexStudy.objects.for_patient(patient).prefetch_related("findings").first()
    history = ""
    if study is not None:
        history = f"Duplex of {study.local_date():%b %-d, %Y}: {study.impression or 'see findings below.'}"
    evaluation = Evaluation.objects.create(
        patient=patient, office=office, physician=by, duplex_study=study, history=history
    )
    readings = readings_by_side(study)
    for side in (Side.RIGHT, Side.LEFT):
        superficial, deep, perforator, segments = ceap.suggest_anatomy(readings[side])
        LegAssessment.objects.create(
            evaluation=evaluation,
            side=side,
            anatomy_superficial=superficial,
            anatomy_deep=deep,
            anatomy_perforator=perforator,
            pathophysiology=ceap.suggest_pathophysiology(readings[side]),
            etiology=ceap.Etiology.EP if (superficial or perforator) and not deep else ceap.Etiology.EN,
            segments=segments,
        )
    return evaluation


INTAKE_LEG = {Side.RIGHT: IntakeSide.RIGHT, Side.LEFT: IntakeSide.LEFT}


def reported_skin_signs(patient: Patient) -> dict[str, frozenset[str]]:
    """The CEAP skin signs each leg had on the patient's latest intake answers, by side ("R", "L")."""
    record = IntakeRecord.objects.latest_for(patient)
    if record is None:
        return {Side.RIGHT: frozenset(), Side.LEFT: frozenset()}
    return {
        side: frozenset(f for f in ceap.REPORTED_C4 if IntakeSide.covers(getattr(record, f), leg))
        for side, leg in INTAKE_LEG.items()
    }


def suggested_classes(leg: LegAssessment, treated_before: bool, reported: frozenset[str] = frozenset()) -> list[str]:
    signs = ceap.ClinicalSigns(
        vcss=leg.vcss_scores, readings=tuple(leg.readings()), treated_before=treated_before, reported=reported
    )
    return ceap.suggest_classes(signs)
