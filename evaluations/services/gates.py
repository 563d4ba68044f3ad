"""Gathering the facts the procedure safety gates judge (evaluations.rules.gates).

A constant number of queries per plan: the patient's final studies and their
findings, allergies, latest intake answers and the drug catalogue, the plan's
prior authorizations. The payer checks come in from ``check_plan``, already made.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone

from evaluations.models import DuplexStudy, PlanItem, PriorAuthorization, SegmentFinding, TreatmentPlan
from evaluations.rules import gates
from evaluations.rules.segments import System, system_of
from evaluations.services.necessity import ProcedureCheck, check_plan
from intake.models import Patient
from intake.safety import ChartAlerts, chart_alerts, latest_record


@dataclass(frozen=True)
class PatientSafety:
    """What the gates ask about the patient, whatever the procedure."""

    acute_dvts: tuple[gates.Dvt, ...]
    alerts: ChartAlerts


def patient_safety(patient: Patient, *, today: datetime.date) -> PatientSafety:
    deep_findings = Prefetch(
        "findings", queryset=SegmentFinding.objects.only("study_id", "side", "segment", "thrombus"), to_attr="readings"
    )
    studies = DuplexStudy.objects.for_patient(patient).filter(status=DuplexStudy.Status.FINAL)
    facts = [
        (
            study.pk,
            study.local_date(),
            [
                (f.side, f.segment, f.thrombus == SegmentFinding.Thrombus.ACUTE)
                for f in study.readings
                if system_of(f.segment) == System.DEEP
            ],
        )
        for study in studies.select_related("office").prefetch_related(deep_findings)
    ]
    alerts = chart_alerts(patient, record=latest_record(patient))
    return PatientSafety(acute_dvts=gates.recent_acute_dvts(facts, today=today), alerts=alerts)


def _authorization(item: PlanItem, auth: PriorAuthorization | None, plan: TreatmentPlan) -> gates.Authorization:
    if auth is None:
        rule_set = plan.payer_rule_set
        return gates.Authorization(required=bool(rule_set and rule_set.requires_prior_authorization))
    return gates.Authorization(
        required=auth.required,
        number=auth.number,
        approved=auth.is_approved,
        valid_until=auth.valid_until,
        status_label=auth.get_status_display(),
    )


def judge_item(
    item: PlanItem,
    *,
    on: datetime.date,
    safety: PatientSafety,
    check: ProcedureCheck | None,
    auth: PriorAuthorization | None,
) -> gates.GateResult:
    unmet = tuple(
        f"{v.label}: {'not met' if v.status == 'not_met' else 'not documented'}"
        + (f" ({v.missing})" if v.missing else "")
        for v in (check.unmet if check else [])
    )
    alerts = safety.alerts
    facts = gates.GateFacts(
        procedure=item.kind,
        procedure_label=item.get_kind_display(),
        on=on,
        acute_dvts=safety.acute_dvts,
        allergies=tuple((a.agent, a.agent_name) for a in alerts.allergies),
        pregnant=alerts.pregnant,
        maybe_pregnant=alerts.maybe_pregnant,
        unmet_criteria=unmet,
        authorization=_authorization(item, auth, item.plan),
        blood_thinners=tuple(f"{m.short}, {m.antithrombotic}" for m in alerts.blood_thinners),
    )
    return gates.judge(facts)


def authorizations_of(plan: TreatmentPlan) -> dict[int, PriorAuthorization]:
    return {a.item_id: a for a in PriorAuthorization.objects.filter(item__plan=plan)}


def plan_gates(
    plan: TreatmentPlan, checks: list[ProcedureCheck], *, today: datetime.date | None = None
) -> dict[int, gates.GateResult]:
    """The gates of each procedure on ``plan`` as they stand today, by item id."""
    today = today or timezone.localdate()
    if not checks:
        return {}
    safety = patient_safety(plan.patient, today=today)
    auths = authorizations_of(plan)
    return {c.item.pk: judge_item(c.item, on=today, safety=safety, check=c, auth=auths.get(c.item.pk)) for c in checks}


def item_gates(item: PlanItem, *, on: datetime.date, today: datetime.date | None = None) -> gates.GateResult:
    """The gates of one procedure for a procedure on ``on``."""
    today = today or timezone.localdate()
    plan = item.plan
    check = next((c for c in check_plan(plan, today=today) if c.item.pk == item.pk), None)
    auth = PriorAuthorization.objects.filter(item=item).first()
    return judge_item(item, on=on, safety=patient_safety(plan.patient, today=today), check=check, auth=auth)
