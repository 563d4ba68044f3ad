"""Judging planned procedures against a payer's medical-necessity criteria."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from evaluations.models import (
    DuplexStudy,
    Evaluation,
    PlanItem,
    TreatmentPlan,
)
from evaluations.models.plans import ItemStatus
from evaluations.rules import ceap, payer
from evaluations.rules.procedures import ItemKind
from evaluations.rules.segments import System, system_of


@dataclass(frozen=True)
class ProcedureCheck:
    item: PlanItem
    cpt: str
    verdicts: list[payer.Verdict]

    @property
    def overall(self) -> payer.Status:
        return payer.overall(self.verdicts)

    @property
    def unmet(self) -> list[payer.Verdict]:
        return [v for v in self.verdicts if v.status != payer.Status.MET]

    @property
    def not_met(self) -> list[payer.Verdict]:
        return [v for v in self.verdicts if v.status == payer.Status.NOT_MET]

    @property
    def unknown(self) -> list[payer.Verdict]:
        return [v for v in self.verdicts if v.status == payer.Status.UNKNOWN]


def _facts_for(
    item: PlanItem,
    *,
    studies: list[DuplexStudy],
    notes: list[Evaluation],
    trials: list[PlanItem],
    treated_sides: set[str],
    today: datetime.date,
) -> payer.Facts:
    side = item.side
    study = next((s for s in studies if side in s.sides and s.local_date() <= today), None)
    measurements: dict[str, payer.Measurement] = {}
    deep_examined: list[str] = []
    deep_blocked: list[str] = []
    latest = None
    if study is not None:
        day = study.local_date()
        latest = (study.pk, day)
        for f in study.findings.all():
            if f.side != side:
                continue
            if system_of(f.segment) == System.DEEP:
                deep_examined.append(f.segment)
                if f.has_thrombus:
                    deep_blocked.append(f.segment)
            # Perforators repeat along a leg; the first measured stands for the segment.
            measurements.setdefault(f.segment, payer.Measurement(study.pk, day, f.segment, f.reflux_ms, f.diameter_mm))
    note = None
    for evaluation in notes:
        leg = next((leg for leg in evaluation.legs.all() if leg.side == side), None)
        if leg is not None:
            note = payer.LegNote(
                evaluation_id=evaluation.pk,
                signed_on=timezone.localtime(evaluation.signed_at).date(),
                classes=tuple(leg.clinical_classes),
                vcss_total=leg.vcss_total,
                bleeding=leg.bleeding,
                thrombophlebitis=leg.thrombophlebitis,
                limits_daily_life=leg.limits_daily_life,
            )
            break
    trial_item = next((t for t in trials if t.side in (side, "B") and t.start_date and t.start_date <= today), None)
    trial = None
    if trial_item is not None:
        trial = payer.Trial(
            trial_item.pk, trial_item.start_date, f"{trial_item.get_compression_class_display()} stockings"
        )
    recurrent = note is not None and bool(set(note.classes) & ceap.RECURRENT_CLASSES)
    return payer.Facts(
        procedure=item.kind,
        procedure_label=item.get_kind_display(),
        side=side,
        segment=item.target_segment,
        today=today,
        latest_study=latest,
        measurements=measurements,
        deep_segments_examined=tuple(deep_examined),
        deep_obstructions=tuple(deep_blocked),
        note=note,
        trial=trial,
        treated_before=side in treated_sides or recurrent,
    )


def check_plan(plan: TreatmentPlan, *, today: datetime.date | None = None) -> list[ProcedureCheck]:
    """Each planned procedure judged against the plan's payer rule set. A fixed number of queries."""
    today = today or timezone.localdate()
    items = list(plan.items.all())
    procedures = [i for i in items if i.is_procedure]
    if not procedures or plan.payer_rule_set_id is None:
        codes = plan.cpt_codes(items)
        return [ProcedureCheck(i, codes.get(i.pk, ""), []) for i in procedures]
    patient = plan.patient
    rules = [c.to_rule() for c in plan.payer_rule_set.criteria.all()]
    studies = list(DuplexStudy.objects.for_patient(patient).select_related("office").prefetch_related("findings"))
    notes = list(Evaluation.objects.for_patient(patient).signed().order_by("-signed_at").prefetch_related("legs"))
    trials = list(
        PlanItem.objects.filter(plan__patient=patient, kind=ItemKind.COMPRESSION)
        .exclude(start_date=None)
        .order_by("start_date", "pk")
    )
    treated_sides = set(
        PlanItem.objects.procedures()
        .filter(plan__patient=patient, status__in=[ItemStatus.DONE, ItemStatus.FOLLOWED_UP])
        .values_list("side", flat=True)
    )
    codes = plan.cpt_codes(items)
    checks = []
    for item in procedures:
        facts = _facts_for(item, studies=studies, notes=notes, trials=trials, treated_sides=treated_sides, today=today)
        checks.append(ProcedureCheck(item, codes.get(item.pk, ""), payer.judge_all(rules, facts)))
    return checks
