"""CEAP (2020 revision; Lurie et al., J Vasc Surg Venous Lymphat Disord 2020;8:342-52), per leg."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import models

from evaluations.rules.segments import Finding, SegmentReading, System, UlcerNearby, anatomical_rank, system_of


class ClinicalClass(models.TextChoices):
    C0 = "C0", "C0 · no visible or palpable signs"
    C1 = "C1", "C1 · telangiectasias or reticular veins"
    C2 = "C2", "C2 · varicose veins (≥ 3 mm)"
    C2R = "C2r", "C2r · recurrent varicose veins"
    C3 = "C3", "C3 · edema"
    C4A = "C4a", "C4a · pigmentation or eczema"
    C4B = "C4b", "C4b · lipodermatosclerosis or atrophie blanche"
    C4C = "C4c", "C4c · corona phlebectatica"
    C5 = "C5", "C5 · healed venous ulcer"
    C6 = "C6", "C6 · active venous ulcer"
    C6R = "C6r", "C6r · recurrent active venous ulcer"


# Severity order (CEAP 2020): the highest class present is the one reported first.
C_ORDER: list[str] = [c.value for c in ClinicalClass]
ULCER_CLASSES = frozenset({ClinicalClass.C5, ClinicalClass.C6, ClinicalClass.C6R})
SKIN_CHANGE_OR_ULCER = frozenset({"C4a", "C4b", "C4c", "C5", "C6", "C6r"})  # "C4-C6"
RECURRENT_CLASSES = frozenset({ClinicalClass.C2R, ClinicalClass.C6R})


class Etiology(models.TextChoices):
    EP = "Ep", "Ep · primary"
    ES = "Es", "Es · secondary"
    ESI = "Esi", "Esi · secondary, intravenous"
    ESE = "Ese", "Ese · secondary, extravenous"
    EC = "Ec", "Ec · congenital"
    EN = "En", "En · no cause identified"


class Pathophysiology(models.TextChoices):
    PR = "Pr", "Pr · reflux"
    PO = "Po", "Po · obstruction"
    PRO = "Pr,o", "Pr,o · reflux and obstruction"
    PN = "Pn", "Pn · no pathophysiology identified"


def severity(c_class: str) -> int:
    return C_ORDER.index(c_class)


def highest(classes: Iterable[str]) -> str:
    present = [c for c in classes if c in C_ORDER]
    return max(present, key=severity) if present else ClinicalClass.C0


def at_least(c_class: str, floor: str) -> bool:
    return severity(c_class) >= severity(floor)


def anatomy_code(superficial: bool, deep: bool, perforator: bool) -> str:
    """CEAP 2020 "A": As, Ad, Ap combined as "As,p"; An when nothing is found."""
    letters = [code for present, code in ((superficial, "s"), (deep, "d"), (perforator, "p")) if present]
    return "A" + ",".join(letters) if letters else "An"


def format_ceap(
    classes: Iterable[str],
    symptomatic: bool,
    etiology: str,
    anatomy: str,
    pathophysiology: str,
    segments: Iterable[str],
) -> str:
    """The written form, e.g. "C2,4a,S Ep As,p Pr GSVa, CPV"."""
    ordered = sorted(set(classes) or {ClinicalClass.C0}, key=severity, reverse=True)
    c_part = "C" + ",".join(c[1:] for c in ordered) + ("," if ordered else "") + ("S" if symptomatic else "A")
    text = f"{c_part} {etiology} {anatomy} {pathophysiology}"
    listed = ", ".join(segments)
    return f"{text} {listed}" if listed else text


@dataclass(frozen=True)
class ClinicalSigns:
    """What the findings and scores on one leg say about its clinical class."""

    vcss: dict[str, int] = field(default_factory=dict)
    readings: tuple[SegmentReading, ...] = ()
    treated_before: bool = False
    # What the patient reported on this leg at intake (intake's field names, e.g. "skin_eczema").
    reported: frozenset[str] = frozenset()


# The patient's own answers that are CEAP 2020 C4 signs (Lurie et al. 2020, Table II):
# pigmentation and eczema are C4a, lipodermatosclerosis C4b, corona phlebectatica C4c.
REPORTED_C4: dict[str, str] = {
    "skin_discoloration": "C4a",
    "skin_eczema": "C4a",
    "skin_hardening": "C4b",
    "ankle_vein_fan": "C4c",
}


def suggest_classes(signs: ClinicalSigns) -> list[str]:
    """Clinical classes the findings point to, highest first. The physician decides.

    VCSS items map onto CEAP signs as in the revised VCSS (Vasquez et al., J Vasc
    Surg 2010;52:1387-96): varicose veins >= 3 mm (C2), venous edema (C3),
    pigmentation and inflammation (C4a), induration (C4b), active ulcers (C6).
    A perforator beneath a healed ulcer means C5, beneath an open one C6. The skin
    signs the patient reported on this leg at intake add C4a, C4b or C4c (REPORTED_C4).
    """
    v = signs.vcss
    found: set[str] = set()
    if v.get("varicose_veins", 0) > 0:
        found.add(ClinicalClass.C2R if signs.treated_before else ClinicalClass.C2)
    if v.get("venous_edema", 0) > 0:
        found.add(ClinicalClass.C3)
    if v.get("skin_pigmentation", 0) > 0 or v.get("inflammation", 0) > 0:
        found.add(ClinicalClass.C4A)
    if v.get("induration", 0) > 0:
        found.add(ClinicalClass.C4B)
    found.update(ClinicalClass(REPORTED_C4[answer]) for answer in signs.reported if answer in REPORTED_C4)
    ulcers = {r.ulcer for r in signs.readings if r.ulcer}
    if v.get("active_ulcers", 0) > 0 or UlcerNearby.OPEN in ulcers:
        found.add(ClinicalClass.C6R if signs.treated_before else ClinicalClass.C6)
    elif UlcerNearby.HEALED in ulcers:
        found.add(ClinicalClass.C5)
    return sorted(found, key=severity, reverse=True)


def suggest_anatomy(readings: Iterable[SegmentReading]) -> tuple[bool, bool, bool, list[str]]:
    """(superficial, deep, perforator, segments) with disease on duplex, for CEAP "A"."""
    abnormal = [r for r in readings if r.finding() in (Finding.REFLUX, Finding.THROMBUS)]
    systems = {system_of(r.segment) for r in abnormal}
    superficial = bool(systems & {System.SUPERFICIAL, System.JUNCTION})
    return (
        superficial,
        System.DEEP in systems,
        System.PERFORATOR in systems,
        sorted({r.segment for r in abnormal}, key=anatomical_rank),
    )


def suggest_pathophysiology(readings: Iterable[SegmentReading]) -> str:
    readings = list(readings)
    reflux = any(r.pathological for r in readings)
    obstruction = any(r.has_thrombus for r in readings)
    if reflux and obstruction:
        return Pathophysiology.PRO
    if reflux:
        return Pathophysiology.PR
    if obstruction:
        return Pathophysiology.PO
    return Pathophysiology.PN


def contradictions(classes: Iterable[str], vcss: dict[str, int], readings: Iterable[SegmentReading]) -> list[str]:
    """Statements in one leg's CEAP that its own findings contradict."""
    classes = set(classes)
    problems = []
    ulcer_signs = vcss.get("active_ulcers", 0) > 0 or any(r.ulcer for r in readings)
    if (not classes or classes == {ClinicalClass.C0}) and ulcer_signs:
        problems.append("C0 is recorded, but the findings show an ulcer (VCSS or a perforator beneath an ulcer).")
    if ClinicalClass.C0 in classes and len(classes) > 1:
        problems.append("C0 means no signs at all; it cannot be combined with other clinical classes.")
    if vcss.get("active_ulcers", 0) > 0 and not classes & {ClinicalClass.C6, ClinicalClass.C6R}:
        problems.append("VCSS counts an active ulcer, but C6 is not recorded.")
    return problems
