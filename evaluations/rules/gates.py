"""Procedure safety gates: what stops a vein procedure from being booked, judged from facts.

Pure functions; evaluations.services.gates gathers the facts. Each gate names its
source here and in docs/clinical-rules.md ("Procedure safety gates"). A physician may
override a closed gate with a written reason (evaluations.GateOverride); a warning
never blocks.
"""

import datetime
from dataclasses import dataclass, field

from django.db import models

from evaluations.rules.procedures import ItemKind

# Clinic policy, after CHEST 2016 (Kearon et al., Chest 2016;149:315-352): a proximal or
# calf DVT is treated for at least three months, so a DVT seen on a duplex in the last
# 90 days is still in its treatment phase. Varithena's label lists "acute thromboembolic
# disease" as a contraindication; ablating a superficial trunk over an acute DVT adds
# heat- or adhesive-induced thrombus to a clot not yet treated.
ACUTE_DVT_WINDOW_DAYS = 90  # clinic policy (CHEST 2016: at least 3 months of treatment)

# Which recorded allergy stops which procedure (product labels, docs/clinical-rules.md):
# Varithena PI, section 4: known allergy to polidocanol; VenaSeal IFU: known
# hypersensitivity to cyanoacrylate adhesives; ClosureFast RFA is done under tumescent
# lidocaine (VNUS/Medtronic ClosureFast IFU), so a lidocaine allergy stops it. VenaSeal
# and Varithena need no tumescent anaesthesia, so lidocaine does not stop them.
ALLERGY_GATES: dict[str, tuple[str, ...]] = {
    ItemKind.VARITHENA: ("polidocanol",),
    ItemKind.VENASEAL: ("cyanoacrylate",),
    ItemKind.RFA: ("lidocaine",),
}


class Gate(models.TextChoices):
    ACUTE_DVT = "acute_dvt", "Acute DVT on a recent duplex"
    ALLERGY = "allergy", "Allergy to an agent of the procedure"
    PREGNANCY = "pregnancy", "Pregnancy"
    PAYER_CRITERIA = "payer_criteria", "Payer criterion not met"
    AUTHORIZATION = "authorization", "No valid prior authorization"


@dataclass(frozen=True)
class Dvt:
    side: str
    segment: str
    study_id: int
    seen_on: datetime.date

    def describe(self) -> str:
        leg = {"R": "right", "L": "left"}.get(self.side, self.side)
        return f"Acute thrombus in the {leg} {self.segment} on duplex #{self.study_id} of {self.seen_on:%b %-d, %Y}"


@dataclass(frozen=True)
class Authorization:
    required: bool
    number: str = ""
    approved: bool = False
    valid_until: datetime.date | None = None
    status_label: str = ""


@dataclass(frozen=True)
class GateFacts:
    """Everything the gates ask about one procedure on one date."""

    procedure: str
    procedure_label: str
    on: datetime.date  # the day of the procedure
    acute_dvts: tuple[Dvt, ...] = ()
    allergies: tuple[tuple[str, str], ...] = ()  # (agent, how the chart names it)
    pregnant: bool = False
    maybe_pregnant: bool = False
    unmet_criteria: tuple[str, ...] = ()  # "label: what is missing"
    authorization: Authorization = field(default_factory=lambda: Authorization(required=False))
    blood_thinners: tuple[str, ...] = ()  # "Eliquis (apixaban), anticoagulant"


@dataclass(frozen=True)
class Refusal:
    gate: str
    reason: str

    @property
    def gate_label(self) -> str:
        return Gate(self.gate).label

    def __str__(self) -> str:
        return f"{self.gate_label}: {self.reason}"


@dataclass(frozen=True)
class GateResult:
    refusals: tuple[Refusal, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def closed(self) -> bool:
        return bool(self.refusals)

    @property
    def gates(self) -> list[str]:
        """The closed gates, each once, in the order of ``Gate``."""
        closed = {r.gate for r in self.refusals}
        return [g for g in Gate.values if g in closed]


def recent_acute_dvts(
    studies: list[tuple[int, datetime.date, list[tuple[str, str, bool]]]], *, today: datetime.date
) -> tuple[Dvt, ...]:
    """Acute deep thrombus seen in the last ``ACUTE_DVT_WINDOW_DAYS`` and not since seen gone.

    ``studies``: final studies, each (id, day, [(side, deep segment, acute thrombus?)]).
    A later final study that examined the same segment of the same leg without acute
    thrombus resolves it; a later study that did not look there does not.
    """
    open_dvts: dict[tuple[str, str], Dvt] = {}
    for study_id, day, findings in sorted(studies, key=lambda s: (s[1], s[0])):
        if day > today:
            continue
        for side, segment, acute in findings:
            if acute:
                open_dvts[(side, segment)] = Dvt(side, segment, study_id, day)
            else:
                open_dvts.pop((side, segment), None)
    since = today - datetime.timedelta(days=ACUTE_DVT_WINDOW_DAYS)
    return tuple(d for _, d in sorted(open_dvts.items()) if d.seen_on >= since)


def judge(facts: GateFacts) -> GateResult:
    refusals: list[Refusal] = []
    for dvt in facts.acute_dvts:
        refusals.append(Refusal(Gate.ACUTE_DVT, f"Acute DVT: {dvt.describe()} (within {ACUTE_DVT_WINDOW_DAYS} days)."))
    blocked_by = ALLERGY_GATES.get(facts.procedure, ())
    for agent, name in facts.allergies:
        if agent in blocked_by:
            refusals.append(Refusal(Gate.ALLERGY, f"On the chart: {name}, used in {facts.procedure_label}."))
    if facts.pregnant:
        refusals.append(
            Refusal(Gate.PREGNANCY, "Pregnant now (latest intake answers): elective vein procedures wait until after.")
        )
    for unmet in facts.unmet_criteria:
        refusals.append(Refusal(Gate.PAYER_CRITERIA, f"{unmet}."))
    auth = facts.authorization
    if auth.required and not (auth.approved and auth.number):
        status = f" (status: {auth.status_label.lower()})" if auth.status_label else ""
        refusals.append(
            Refusal(Gate.AUTHORIZATION, f"The payer requires prior authorization: no approved number yet{status}.")
        )
    elif auth.valid_until is not None and auth.valid_until < facts.on:
        refusals.append(
            Refusal(
                Gate.AUTHORIZATION,
                f"Authorization {auth.number or ''} expires {auth.valid_until:%b %-d, %Y}, "
                f"before the procedure on {facts.on:%b %-d, %Y}.".replace("  ", " "),
            )
        )
    warnings = [
        f"Blood thinner: {drug}. Decide whether to hold it before the procedure." for drug in facts.blood_thinners
    ]
    if facts.maybe_pregnant and not facts.pregnant:
        warnings.append("The patient was not sure whether she is pregnant (latest intake answers): ask.")
    return GateResult(tuple(refusals), tuple(warnings))
