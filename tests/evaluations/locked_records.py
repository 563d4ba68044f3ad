"""The three kinds of record that lock when signed or final, each with a part, for the lock tests."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import connection, models, transaction

from evaluations.models import Diagnosis, Icd10Code, LegAssessment, PlanItem, SegmentFinding
from evaluations.rules.procedures import CompressionClass, ItemKind
from tests.factories import PatientFactory
from tests.factories.evaluations import (
    DuplexStudyFactory,
    EvaluationFactory,
    TreatmentPlanFactory,
    final_study,
    signed_evaluation,
    signed_plan,
)


@dataclass(frozen=True)
class LockedKind:
    name: str
    build: Callable[[], models.Model]
    part_of: Callable[[models.Model], models.Model]
    unlock: dict[str, Any]  # the change that would undo the signature
    part_change: dict[str, Any]  # a clinical change to one of its parts
    new_part: Callable[[models.Model], models.Model]
    draft: Callable[[], models.Model]

    parent: str  # the part's field naming its record

    def __str__(self) -> str:
        return self.name


NOTE = LockedKind(
    name="note",
    build=lambda: signed_evaluation(PatientFactory(), legs={"R": {"pain": 2}}),
    part_of=lambda note: note.legs.get(),
    unlock={"status": "draft", "signed_by": None, "signed_at": None},
    part_change={"pain": 3},
    new_part=lambda note: LegAssessment(evaluation=note, side="L"),
    draft=EvaluationFactory,
    parent="evaluation",
)
PLAN = LockedKind(
    name="plan",
    build=signed_plan,
    part_of=lambda plan: plan.items.get(),
    unlock={"status": "draft", "signed_by": None, "signed_at": None},
    part_change={"instructions": "Two weeks longer"},
    new_part=lambda plan: PlanItem(
        plan=plan, kind=ItemKind.COMPRESSION, side="B", compression_class=CompressionClass.MMHG_20_30
    ),
    draft=TreatmentPlanFactory,
    parent="plan",
)
STUDY = LockedKind(
    name="study",
    build=final_study,
    part_of=lambda study: study.findings.get(),
    unlock={"status": "in_progress", "finalized_at": None},
    part_change={"reflux_ms": 900},
    new_part=lambda study: SegmentFinding(study=study, side="L", segment="GSVa"),
    draft=DuplexStudyFactory,
    parent="study",
)
# A note's confirmed ICD-10-CM codes are part of it, and lock with it.
DIAGNOSES = LockedKind(
    name="note's diagnoses",
    build=lambda: signed_evaluation(PatientFactory(), legs={"R": {"clinical_classes": ["C2"]}}, diagnoses=["I83.91"]),
    part_of=lambda note: note.diagnoses.get(),
    unlock={"status": "draft", "signed_by": None, "signed_at": None},
    part_change={"suggested": True},
    new_part=lambda note: Diagnosis(evaluation=note, code=Icd10Code.objects.get(code="I87.2")),
    draft=EvaluationFactory,
    parent="evaluation",
)
KINDS = [NOTE, PLAN, STUDY, DIAGNOSES]


def raw_update(instance: models.Model, changes: dict[str, Any]) -> None:
    """UPDATE one row by raw SQL, as a psql session or a bug would."""
    meta = instance._meta
    columns = [meta.get_field(name).column for name in changes]
    values = [getattr(v, "pk", v) for v in changes.values()]
    assignments = ", ".join(f'"{c}" = %s' for c in columns)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f'UPDATE "{meta.db_table}" SET {assignments} WHERE id = %s', [*values, instance.pk])


def raw_delete(instance: models.Model) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f'DELETE FROM "{instance._meta.db_table}" WHERE id = %s', [instance.pk])
