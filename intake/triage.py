"""Screening triage: every rule in one place, each naming its source.

A rule reads an AnswerSet (a screening or an intake record) and returns the
answers that set it off; an empty list means it does not apply. The level of a
submission is the most urgent rule that applies, and the rules that applied are
shown beside it, so nobody has to guess why a screening sits where it does.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from intake.models.answers import LEGS, Side

if TYPE_CHECKING:
    from intake.models.answers import AnswerSet


class TriageLevel(models.IntegerChoices):
    # Lower sorts first: the queue reads most urgent at the top.
    EMERGENCY = 0, _("Emergency")
    URGENT = 1, _("Urgent")
    PRIORITY = 2, _("Priority")
    ROUTINE = 3, _("Routine")


@dataclass(frozen=True)
class Rule:
    code: str
    level: TriageLevel
    title: str
    source: str
    check: Callable[["AnswerSet"], list[str]]


@dataclass(frozen=True)
class Finding:
    code: str
    level: TriageLevel
    title: str
    source: str
    answers: tuple[str, ...]

    def as_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "level": int(self.level),
            "title": self.title,
            "source": self.source,
            "answers": list(self.answers),
        }


@dataclass(frozen=True)
class Triage:
    level: TriageLevel
    findings: tuple[Finding, ...]

    def as_json(self) -> list[dict[str, Any]]:
        return [f.as_json() for f in self.findings]


CLOT_SIGNS = ("leg_pain", "redness", "warmth")


def _answered(answers: "AnswerSet", *fields: str) -> list[str]:
    return [answers.answer_text(f) for f in fields if getattr(answers, f) not in (False, Side.NONE, "", None)]


def chest_symptoms(answers: "AnswerSet") -> list[str]:
    return _answered(answers, "chest_pain", "short_of_breath")


def _swollen_legs_with_clot_signs(answers: "AnswerSet") -> tuple[list[str], list[str]]:
    legs = [leg for leg in LEGS if Side.covers(answers.swelling, leg)]
    signs = [f for f in CLOT_SIGNS if any(Side.covers(getattr(answers, f), leg) for leg in legs)]
    return legs, signs


def possible_dvt(answers: "AnswerSet") -> list[str]:
    legs, signs = _swollen_legs_with_clot_signs(answers)
    if not signs:
        return []
    one_leg = len(legs) == 1
    if not (one_leg or answers.swelling_sudden):
        return []
    return _answered(answers, "swelling", *signs, "swelling_sudden")


def swelling_with_clot_signs_both_legs(answers: "AnswerSet") -> list[str]:
    legs, signs = _swollen_legs_with_clot_signs(answers)
    if len(legs) == 2 and signs and not answers.swelling_sudden:
        return _answered(answers, "swelling", *signs)
    return []


def bleeding_vein(answers: "AnswerSet") -> list[str]:
    return _answered(answers, "bleeding")


def infected_ulcer(answers: "AnswerSet") -> list[str]:
    if answers.open_ulcer != Side.NONE and answers.ulcer_infection_signs:
        return _answered(answers, "open_ulcer", "ulcer_infection_signs")
    return []


# The CEAP 2020 C4 signs a patient can see: pigmentation and eczema (C4a),
# lipodermatosclerosis (C4b), corona phlebectatica (C4c).
C4_SIGN_FIELDS = ("skin_discoloration", "skin_eczema", "skin_hardening", "ankle_vein_fan")


def skin_changes(answers: "AnswerSet") -> list[str]:
    return _answered(answers, *C4_SIGN_FIELDS)


def ulcer(answers: "AnswerSet") -> list[str]:
    return _answered(answers, "open_ulcer", "healed_ulcer")


# Each rule says where it comes from in one line staff can read on the screening.
# A "clinic triage policy" is the clinic's own rule for how soon to see someone;
# the clinical facts behind each are in docs/clinical-rules.md ("Triage").
CLINIC_POLICY = "Clinic triage policy"
CEAP_2020 = "CEAP 2020 (Lurie et al.)"
RULES: tuple[Rule, ...] = (
    Rule(
        "chest_symptoms",
        TriageLevel.EMERGENCY,
        _("Chest pain or shortness of breath: emergency care now"),
        f"{CLINIC_POLICY}: chest pain or breathlessness means emergency care (a clot may have reached the lungs)",
        chest_symptoms,
    ),
    Rule(
        "possible_dvt",
        TriageLevel.URGENT,
        _("Possible blood clot (DVT): same-day evaluation"),
        f"{CLINIC_POLICY}: a swollen leg with pain, redness or warmth may be a clot (DVT): same-day evaluation",
        possible_dvt,
    ),
    Rule(
        "bleeding_vein",
        TriageLevel.URGENT,
        _("Bleeding from a vein"),
        f"{CLINIC_POLICY}: a bleeding varicose vein is seen urgently",
        bleeding_vein,
    ),
    Rule(
        "infected_ulcer",
        TriageLevel.URGENT,
        _("Ulcer with signs of infection"),
        f"{CLINIC_POLICY}: an open ulcer (CEAP C6) with signs of infection is seen urgently",
        infected_ulcer,
    ),
    Rule(
        "clot_signs_both_legs",
        TriageLevel.PRIORITY,
        _("Swelling with pain, redness or warmth in both legs"),
        f"{CLINIC_POLICY}: clot signs in both legs, not sudden, are less likely a clot: priority visit",
        swelling_with_clot_signs_both_legs,
    ),
    Rule(
        "skin_changes",
        TriageLevel.PRIORITY,
        _("Skin changes near the ankle (CEAP C4)"),
        f"{CEAP_2020}: skin changes near the ankle are class C4; priority visit by clinic policy",
        skin_changes,
    ),
    Rule(
        "ulcer",
        TriageLevel.PRIORITY,
        _("Healed or active venous ulcer (CEAP C5-C6)"),
        f"{CEAP_2020}: a healed ulcer is C5, an active ulcer C6; priority visit by clinic policy",
        ulcer,
    ),
)


def triage(answers: "AnswerSet") -> Triage:
    findings = []
    for rule in RULES:
        caused_by = rule.check(answers)
        if caused_by:
            findings.append(Finding(rule.code, rule.level, str(rule.title), rule.source, tuple(caused_by)))
    level = min((f.level for f in findings), default=TriageLevel.ROUTINE)
    return Triage(TriageLevel(level), tuple(findings))
