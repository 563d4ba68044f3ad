"""Payer medical-necessity criteria, judged from facts. Policies are data (PayerCriterion);
this module only knows what each kind of criterion means."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from django.db import models

from evaluations.rules import ceap


class CriterionKind(models.TextChoices):
    DUPLEX_WITHIN_MONTHS = "duplex_recent", "Duplex within N months"
    REFLUX_AT_LEAST = "reflux_min", "Reflux at least N ms"
    DIAMETER_AT_LEAST = "diameter_min", "Diameter at least N mm"
    DIAMETER_AT_MOST = "diameter_max", "Diameter at most N mm"
    NO_DEEP_OBSTRUCTION = "no_deep_obstruction", "No deep venous obstruction"
    CEAP_DOCUMENTED = "ceap_documented", "CEAP documented"
    VCSS_DOCUMENTED = "vcss_documented", "VCSS documented"
    INDICATION = "indication", "Ulcer, bleeding, recurrent thrombophlebitis or lifestyle-limiting symptoms"
    CONSERVATIVE_TRIAL = "trial", "Conservative (compression) trial of N days"
    NOT_COVERED = "not_covered", "Procedure not covered"


NEEDS_NUMBER = frozenset(
    {
        CriterionKind.DUPLEX_WITHIN_MONTHS,
        CriterionKind.REFLUX_AT_LEAST,
        CriterionKind.DIAMETER_AT_LEAST,
        CriterionKind.DIAMETER_AT_MOST,
        CriterionKind.CONSERVATIVE_TRIAL,
    }
)


class Status(StrEnum):
    MET = "met"
    NOT_MET = "not_met"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Rule:
    kind: str
    label: str
    number: Decimal | None = None
    procedures: tuple[str, ...] = ()
    segments: tuple[str, ...] = ()
    measure_at: str = ""
    at_junction: bool = False
    waive_vcss_at_least: int | None = None
    waive_c4_to_c6: bool = False
    waive_ulcer: bool = False
    waive_bleeding: bool = False
    waive_thrombophlebitis: bool = False
    waive_recurrence: bool = False

    def applies_to(self, procedure: str, segment: str) -> bool:
        return (not self.procedures or procedure in self.procedures) and (not self.segments or segment in self.segments)


@dataclass(frozen=True)
class Measurement:
    study_id: int
    study_date: datetime.date
    segment: str
    reflux_ms: int | None
    diameter_mm: Decimal | None

    def where(self) -> str:
        return f"duplex #{self.study_id} of {self.study_date:%b %-d, %Y}, {self.segment}"


@dataclass(frozen=True)
class LegNote:
    """What the latest signed evaluation says about the treated leg."""

    evaluation_id: int
    signed_on: datetime.date
    classes: tuple[str, ...]
    vcss_total: int
    bleeding: bool = False
    thrombophlebitis: bool = False
    limits_daily_life: bool = False

    @property
    def highest(self) -> str:
        return ceap.highest(self.classes)

    @property
    def ulcer(self) -> bool:
        return bool(set(self.classes) & ceap.ULCER_CLASSES)

    def where(self) -> str:
        return f"evaluation #{self.evaluation_id} signed {self.signed_on:%b %-d, %Y}"


@dataclass(frozen=True)
class Trial:
    plan_item_id: int
    started: datetime.date
    description: str


@dataclass(frozen=True)
class Facts:
    """Everything the criteria may ask about one planned procedure."""

    procedure: str
    procedure_label: str
    side: str
    segment: str
    today: datetime.date
    latest_study: tuple[int, datetime.date] | None = None
    measurements: dict[str, Measurement] = field(default_factory=dict)
    deep_segments_examined: tuple[str, ...] = ()
    deep_obstructions: tuple[str, ...] = ()
    note: LegNote | None = None
    trial: Trial | None = None
    treated_before: bool = False


@dataclass(frozen=True)
class Verdict:
    label: str
    status: Status
    evidence: str = ""
    missing: str = ""


def add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=candidate)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _number(rule: Rule) -> Decimal:
    return rule.number if rule.number is not None else Decimal(0)


def _fmt(value: Decimal) -> str:
    return f"{value.normalize():f}"


def _measured(rule: Rule, facts: Facts) -> tuple[str, Measurement | None]:
    segment = rule.measure_at or facts.segment
    return segment, facts.measurements.get(segment)


def _duplex_recent(rule: Rule, facts: Facts) -> Verdict:
    months = int(_number(rule))
    if facts.latest_study is None:
        return Verdict(rule.label, Status.UNKNOWN, missing="No duplex study of this leg on file.")
    study_id, day = facts.latest_study
    evidence = f"duplex #{study_id} of {day:%b %-d, %Y}"
    if add_months(day, months) >= facts.today:
        return Verdict(rule.label, Status.MET, evidence)
    return Verdict(rule.label, Status.NOT_MET, evidence, missing=f"A duplex within the last {months} months.")


def _reflux(rule: Rule, facts: Facts) -> Verdict:
    from evaluations.rules.segments import JUNCTION_OF

    wanted = int(_number(rule))
    segment = JUNCTION_OF.get(facts.segment, "") if rule.at_junction else (rule.measure_at or facts.segment)
    if not segment:
        return Verdict(rule.label, Status.UNKNOWN, missing=f"{facts.segment} drains through no saphenous junction.")
    found = facts.measurements.get(segment)
    if found is None or found.reflux_ms is None:
        return Verdict(rule.label, Status.UNKNOWN, missing=f"Reflux time at {segment} on the latest duplex.")
    evidence = f"{found.reflux_ms} ms at {found.where()}"
    if found.reflux_ms >= wanted:
        return Verdict(rule.label, Status.MET, evidence)
    return Verdict(rule.label, Status.NOT_MET, evidence, missing=f"Reflux ≥ {wanted} ms at {segment}.")


def _diameter(rule: Rule, facts: Facts, at_least: bool) -> Verdict:
    limit = _number(rule)
    segment, found = _measured(rule, facts)
    if found is None or found.diameter_mm is None:
        return Verdict(rule.label, Status.UNKNOWN, missing=f"Diameter of {segment} on the latest duplex.")
    evidence = f"{_fmt(found.diameter_mm)} mm at {found.where()}"
    ok = found.diameter_mm >= limit if at_least else found.diameter_mm <= limit
    if ok:
        return Verdict(rule.label, Status.MET, evidence)
    sign = "≥" if at_least else "≤"
    return Verdict(rule.label, Status.NOT_MET, evidence, missing=f"{segment} diameter {sign} {_fmt(limit)} mm.")


def _no_deep_obstruction(rule: Rule, facts: Facts) -> Verdict:
    if facts.deep_obstructions:
        listed = ", ".join(facts.deep_obstructions)
        return Verdict(rule.label, Status.NOT_MET, f"thrombus or non-compressible: {listed}", "Deep veins patent.")
    if not facts.deep_segments_examined:
        return Verdict(rule.label, Status.UNKNOWN, missing="Deep veins of this leg examined on duplex.")
    examined = ", ".join(facts.deep_segments_examined)
    where = f"duplex #{facts.latest_study[0]}" if facts.latest_study else "duplex"
    return Verdict(rule.label, Status.MET, f"{examined} compressible on {where}")


def _documented(rule: Rule, facts: Facts, what: str) -> Verdict:
    if facts.note is None:
        return Verdict(rule.label, Status.UNKNOWN, missing=f"A signed evaluation with {what} for this leg.")
    value = facts.note.highest if what == "CEAP" else f"VCSS {facts.note.vcss_total}"
    return Verdict(rule.label, Status.MET, f"{value} in {facts.note.where()}")


def _indication(rule: Rule, facts: Facts) -> Verdict:
    note = facts.note
    if note is None:
        return Verdict(rule.label, Status.UNKNOWN, missing="A signed evaluation documenting the indication.")
    reasons = [
        name
        for present, name in (
            (note.ulcer, f"ulcer ({note.highest})"),
            (note.bleeding, "bleeding"),
            (note.thrombophlebitis, "recurrent thrombophlebitis"),
            (note.limits_daily_life, "pain or swelling limiting daily life"),
        )
        if present
    ]
    if reasons:
        return Verdict(rule.label, Status.MET, f"{', '.join(reasons)} in {note.where()}")
    return Verdict(
        rule.label,
        Status.NOT_MET,
        note.where(),
        "Ulcer, bleeding, recurrent thrombophlebitis, or pain/swelling limiting daily life documented.",
    )


def _waiver(rule: Rule, facts: Facts) -> str:
    note = facts.note
    if rule.waive_recurrence and facts.treated_before:
        return "recurrence after prior treatment"
    if note is None:
        return ""
    if rule.waive_vcss_at_least is not None and note.vcss_total >= rule.waive_vcss_at_least:
        return f"VCSS {note.vcss_total} ≥ {rule.waive_vcss_at_least}"
    if rule.waive_c4_to_c6 and note.highest in ceap.SKIN_CHANGE_OR_ULCER:
        return f"{note.highest} (C4-C6)"
    if rule.waive_ulcer and note.ulcer:
        return f"ulcer ({note.highest})"
    if rule.waive_bleeding and note.bleeding:
        return "bleeding"
    if rule.waive_thrombophlebitis and note.thrombophlebitis:
        return "recurrent thrombophlebitis"
    return ""


def _trial(rule: Rule, facts: Facts) -> Verdict:
    days = int(_number(rule))
    waived = _waiver(rule, facts)
    if waived:
        where = f" in {facts.note.where()}" if facts.note and "recurrence" not in waived else ""
        return Verdict(rule.label, Status.MET, f"waived: {waived}{where}")
    if facts.trial is None:
        return Verdict(
            rule.label, Status.UNKNOWN, missing=f"Compression trial: no start date recorded ({days} days needed)."
        )
    done = max(0, (facts.today - facts.trial.started).days)
    evidence = (
        f"{facts.trial.description} since {facts.trial.started:%b %-d, %Y} (plan item #{facts.trial.plan_item_id})"
    )
    if done >= days:
        return Verdict(rule.label, Status.MET, f"{evidence}: {done} days")
    return Verdict(rule.label, Status.NOT_MET, evidence, missing=f"Compression trial: {done} of {days} days.")


def judge(rule: Rule, facts: Facts) -> Verdict | None:
    """The verdict of one criterion on one planned procedure; None when it does not apply."""
    if not rule.applies_to(facts.procedure, facts.segment):
        return None
    kind = rule.kind
    if kind == CriterionKind.NOT_COVERED:
        return Verdict(
            rule.label, Status.NOT_MET, missing=f"{facts.procedure_label} is not covered; choose another procedure."
        )
    if kind == CriterionKind.DUPLEX_WITHIN_MONTHS:
        return _duplex_recent(rule, facts)
    if kind == CriterionKind.REFLUX_AT_LEAST:
        return _reflux(rule, facts)
    if kind == CriterionKind.DIAMETER_AT_LEAST:
        return _diameter(rule, facts, at_least=True)
    if kind == CriterionKind.DIAMETER_AT_MOST:
        return _diameter(rule, facts, at_least=False)
    if kind == CriterionKind.NO_DEEP_OBSTRUCTION:
        return _no_deep_obstruction(rule, facts)
    if kind == CriterionKind.CEAP_DOCUMENTED:
        return _documented(rule, facts, "CEAP")
    if kind == CriterionKind.VCSS_DOCUMENTED:
        return _documented(rule, facts, "VCSS")
    if kind == CriterionKind.INDICATION:
        return _indication(rule, facts)
    if kind == CriterionKind.CONSERVATIVE_TRIAL:
        return _trial(rule, facts)
    raise ValueError(f"Unknown criterion kind {kind!r}")


def judge_all(rules: list[Rule], facts: Facts) -> list[Verdict]:
    return [v for v in (judge(rule, facts) for rule in rules) if v is not None]


def overall(verdicts: list[Verdict]) -> Status:
    statuses = {v.status for v in verdicts}
    if Status.NOT_MET in statuses:
        return Status.NOT_MET
    if Status.UNKNOWN in statuses:
        return Status.UNKNOWN
    return Status.MET
