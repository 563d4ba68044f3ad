"""Workflows across records: recording findings (and raising thrombus alerts), starting notes
prefilled from the latest duplex, and judging planned procedures against a payer's criteria."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from clinic.models import Office
from clinic.roles import Role, users_with_role
from evaluations.models import (
    DuplexStudy,
    Evaluation,
    LegAssessment,
    PayerRuleSet,
    PlanItem,
    SegmentFinding,
    TreatmentPlan,
)
from evaluations.models.plans import ItemStatus
from evaluations.rules import ceap, payer
from evaluations.rules.procedures import ItemKind
from evaluations.rules.segments import Side, System, system_of
from intake.models import Patient


@transaction.atomic
def start_study(*, patient: Patient, office: Office, by, legs: str, indication: str = "") -> DuplexStudy:
    return DuplexStudy.objects.create(patient=patient, office=office, sonographer=by, legs=legs, indication=indication)


@transaction.atomic
def save_finding(*, finding: SegmentFinding, by) -> SegmentFinding:
    """Save a segment finding; a newly recorded thrombus alerts the office's physicians once committed."""
    was_thrombus = False
    if finding.pk:
        was_thrombus = bool(SegmentFinding.objects.filter(pk=finding.pk).values_list("thrombus", flat=True).first())
    finding.full_clean()
    finding.save()
    if finding.has_thrombus and not was_thrombus:
        finding_id = finding.pk
        transaction.on_commit(lambda: alert_physicians_of_thrombus(finding_id=finding_id))
    return finding


def alert_physicians_of_thrombus(*, finding_id: int) -> int:
    """Email every active physician at the study's office. Returns how many were told.

    The email carries no patient name or finding: mail leaves our systems, so it
    only says that something urgent waits in VeinFlow and where to look.
    """
    finding = SegmentFinding.objects.select_related("study__office").get(pk=finding_id)
    office = finding.study.office
    recipients = sorted(
        {
            email
            for email in users_with_role(Role.PHYSICIAN)
            .filter(staff_profile__offices=office)
            .values_list("email", flat=True)
            if email
        }
    )
    if not recipients:
        return 0
    # SITE_URL (when the deployment sets it) makes the link absolute for mail clients.
    link = getattr(settings, "SITE_URL", "").rstrip("/") + reverse("evaluations:study_detail", args=[finding.study_id])
    kind = "deep vein thrombosis" if finding.is_deep_thrombus else "superficial vein thrombus"
    send_mail(
        subject=f"Urgent: possible {kind} recorded at {office.name}",
        message=(
            f"A duplex study at {office.name} has just recorded a possible {kind}.\n"
            f"Please review it now: {link}\n\n"
            "The alert stays on your VeinFlow home page until a physician acknowledges it."
        ),
        from_email=None,
        recipient_list=recipients,
    )
    return len(recipients)


def readings_by_side(study: DuplexStudy | None) -> dict[str, list]:
    found: dict[str, list] = {Side.RIGHT: [], Side.LEFT: []}
    if study is not None:
        for f in study.findings.all():
            found[f.side].append(f.reading())
    return found


@transaction.atomic
def start_evaluation(*, patient: Patient, office: Office, by) -> Evaluation:
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


def suggested_classes(leg: LegAssessment, treated_before: bool) -> list[str]:
    signs = ceap.ClinicalSigns(vcss=leg.vcss_scores, readings=tuple(leg.readings()), treated_before=treated_before)
    return ceap.suggest_classes(signs)


# ---------------------------------------------------------------------------
# Payer medical necessity
# ---------------------------------------------------------------------------
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


@transaction.atomic
def start_plan(*, patient: Patient, by, evaluation: Evaluation | None = None) -> TreatmentPlan:
    rule_set = None
    if patient.insurance_payer:
        rule_set = PayerRuleSet.objects.matching(patient.insurance_payer)
    return TreatmentPlan.objects.create(patient=patient, created_by=by, evaluation=evaluation, payer_rule_set=rule_set)
