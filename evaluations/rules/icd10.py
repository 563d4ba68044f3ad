"""ICD-10-CM diagnoses a note's findings point to, per leg; the physician confirms them.

Codes and titles are those of the ICD-10-CM Tabular List of Diseases and Injuries,
FY2026 (CMS/CDC, April 1, 2026 update), chapter 9 categories I80, I82.4, I83 and
I87 and chapter 18 R25.2 (docs/clinical-rules.md, "Diagnoses (ICD-10-CM)"). The
codes themselves, with their titles, are data (``evaluations.Icd10Code``, seeded by a
migration and extended by an admin); this module only knows which code a finding
points to. Laterality follows the Official Guidelines for Coding and Reporting FY2026,
section I.B.13: a bilateral condition takes the bilateral code where one exists, and
separate right and left codes where none does.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import models

from evaluations.rules import ceap
from evaluations.rules.segments import Segment, Side


class UlcerSite(models.TextChoices):
    """Where an active venous ulcer lies: the sixth character of I83.0- and I83.2- (ICD-10-CM)."""

    NOT_RECORDED = "", "Not recorded"
    THIGH = "thigh", "Thigh"
    CALF = "calf", "Calf"
    ANKLE = "ankle", "Ankle"
    HEEL_MIDFOOT = "heel_midfoot", "Heel and midfoot"
    FOOT_OTHER = "foot_other", "Other part of foot"
    LOWER_LEG_OTHER = "lower_leg_other", "Other part of lower leg"


# ICD-10-CM I83.0- and I83.2-: 1 thigh, 2 calf, 3 ankle, 4 heel and midfoot, 5 other part
# of foot, 8 other part of lower leg, 9 unspecified site.
ULCER_SITE_DIGIT: dict[str, str] = {
    UlcerSite.THIGH: "1",
    UlcerSite.CALF: "2",
    UlcerSite.ANKLE: "3",
    UlcerSite.HEEL_MIDFOOT: "4",
    UlcerSite.FOOT_OTHER: "5",
    UlcerSite.LOWER_LEG_OTHER: "8",
    UlcerSite.NOT_RECORDED: "9",
}

# The laterality character: 1 right, 2 left, 3 bilateral (ICD-10-CM, I80.0-, I82.4-, I83.8-, I83.9-, I87.3-).
SIDE_DIGIT = {Side.RIGHT: "1", Side.LEFT: "2"}
BILATERAL_DIGIT = "3"


class Laterality(models.TextChoices):
    RIGHT = "R", "Right"
    LEFT = "L", "Left"
    BILATERAL = "B", "Bilateral"
    NONE = "", "Not per leg"


# ICD-10-CM I82.4- names the deep vein; its inclusion terms place the CEAP segments:
# I82.41- femoral (common and deep femoral), I82.42- iliac (common, external, internal),
# I82.43- popliteal, I82.44- tibial (anterior, posterior), I82.45- peroneal, I82.46- calf
# muscular (gastrocnemial, soleal), I82.49- other specified deep vein of the lower extremity.
DVT_CATEGORY: dict[str, str] = {
    Segment.CFV: "I82.41",
    Segment.FV: "I82.41",
    Segment.DFV: "I82.41",
    Segment.CIV: "I82.42",
    Segment.EIV: "I82.42",
    Segment.IIV: "I82.42",
    Segment.POPV: "I82.43",
    Segment.TIBV: "I82.44",
    Segment.ATV: "I82.44",
    Segment.PTV: "I82.44",
    Segment.PRV: "I82.45",
    Segment.MUSV: "I82.46",
    Segment.GAV: "I82.46",
    Segment.SOV: "I82.46",
    Segment.PELV: "I82.49",
}
# The inferior vena cava is not a vein of the lower extremity (I82.22-): the physician codes it by hand.

# Superficial veins and their junctions: a thrombus there is superficial thrombophlebitis (I80.0-).
SUPERFICIAL_SEGMENTS = frozenset(
    {Segment.SFJ, Segment.SPJ, Segment.GSVA, Segment.GSVB, Segment.AASV, Segment.SSV, Segment.NSV}
)

VENOUS_INSUFFICIENCY = "I87.2"  # Venous insufficiency (chronic) (peripheral)
CRAMP_AND_SPASM = "R25.2"  # Cramp and spasm

VARICOSE = frozenset({ceap.ClinicalClass.C2, ceap.ClinicalClass.C2R})
SKIN_CHANGES = frozenset({ceap.ClinicalClass.C4A, ceap.ClinicalClass.C4B, ceap.ClinicalClass.C4C})
ACTIVE_ULCER = frozenset({ceap.ClinicalClass.C6, ceap.ClinicalClass.C6R})


@dataclass(frozen=True)
class LegFacts:
    """What one leg's note and its final duplex say, as the coding rules need it."""

    side: str
    classes: tuple[str, ...] = ()
    symptomatic: bool = False
    ulcer_site: str = UlcerSite.NOT_RECORDED
    acute_thrombus: tuple[str, ...] = ()  # segments with acute thrombus on a final study
    chronic_deep_thrombus: bool = False
    reflux: bool = False  # pathological reflux (SVS/AVF 2011) in any segment


@dataclass(frozen=True)
class Suggestion:
    code: str
    reason: str


@dataclass
class _Family:
    """One diagnosis family on one or both legs: the code stem and how its laterality is written."""

    stem: str
    bilateral: bool  # whether ICD-10-CM has a bilateral code in this family
    reasons: dict[str, str] = field(default_factory=dict)  # side -> reason


def _leg_condition(leg: LegFacts) -> tuple[str, bool, str] | None:
    """(code stem, has a bilateral code, reason) of the chronic venous disease on one leg, or None."""
    classes = set(leg.classes)
    ulcer, skin = bool(classes & ACTIVE_ULCER), bool(classes & SKIN_CHANGES)
    side = SIDE_DIGIT[leg.side]
    site = ULCER_SITE_DIGIT.get(leg.ulcer_site, "9")
    if classes & VARICOSE:
        # I83: varicose veins of the lower extremities, by complication.
        if ulcer and skin:
            return f"I83.2{side}{site}", False, "varicose veins (C2) with an active ulcer (C6) and skin changes (C4)"
        if ulcer:
            return f"I83.0{side}{site}", False, "varicose veins (C2) with an active ulcer (C6)"
        if skin:
            return f"I83.1{side}", False, "varicose veins (C2) with skin changes (C4: stasis dermatitis)"
        if leg.symptomatic:
            return "I83.81", True, "symptomatic varicose veins (C2, S)"
        return "I83.9", True, "asymptomatic varicose veins (C2, A)"
    if (ulcer or skin) and not leg.chronic_deep_thrombus:
        # I87.3 excludes varicose veins (I83.-) and post-thrombotic disease (I87.0-).
        if ulcer and skin:
            return "I87.33", True, "venous hypertension with an active ulcer (C6) and skin changes (C4)"
        if ulcer:
            return "I87.31", True, "venous hypertension with an active ulcer (C6)"
        return "I87.32", True, "venous hypertension with skin changes (C4)"
    return None


def _lateral(families: dict[str, _Family]) -> list[Suggestion]:
    """Each family's code: the bilateral one where both legs have it and ICD-10-CM has one."""
    out: list[Suggestion] = []
    for stem, family in families.items():
        sides = [s for s in (Side.RIGHT, Side.LEFT) if s in family.reasons]
        if family.bilateral and len(sides) == 2:
            reason = family.reasons[Side.RIGHT]
            out.append(Suggestion(f"{stem}{BILATERAL_DIGIT}", f"Both legs: {reason}"))
            continue
        for side in sides:
            suffix = SIDE_DIGIT[side] if family.bilateral else ""
            out.append(Suggestion(f"{stem}{suffix}", f"{Side(side).label} leg: {family.reasons[side]}"))
    return out


def suggest(legs: Iterable[LegFacts], *, cramps: bool = False) -> list[Suggestion]:
    """The ICD-10-CM codes the note's CEAP, the final duplex and the intake answers point to.

    In order: acute deep vein thrombosis, superficial thrombophlebitis, the chronic venous
    disease of each leg, venous insufficiency, cramps. Codes are suggestions; the physician
    confirms each one.
    """
    legs = list(legs)
    families: dict[str, _Family] = {}

    def add(stem: str, bilateral: bool, side: str, reason: str) -> None:
        families.setdefault(stem, _Family(stem, bilateral)).reasons.setdefault(side, reason)

    for leg in legs:
        for segment in leg.acute_thrombus:
            category = DVT_CATEGORY.get(segment)
            if category is not None:
                add(category, True, leg.side, f"acute thrombus in the {Segment(segment).label.lower()} on duplex")
    for leg in legs:
        if any(s in SUPERFICIAL_SEGMENTS for s in leg.acute_thrombus):
            add("I80.0", True, leg.side, "acute superficial vein thrombus on duplex")
    for leg in legs:
        condition = _leg_condition(leg)
        if condition is not None:
            stem, bilateral, reason = condition
            add(stem, bilateral, leg.side, reason)
    suggestions = _lateral(families)
    # I87.2 Excludes1 stasis dermatitis with varicose veins (I83.1-, I83.2-): those codes say it already.
    coded_with_dermatitis = any(s.code.startswith(("I83.1", "I83.2")) for s in suggestions)
    if any(leg.reflux for leg in legs) and not coded_with_dermatitis:
        suggestions.append(Suggestion(VENOUS_INSUFFICIENCY, "Pathological reflux on duplex (SVS/AVF 2011)"))
    if cramps:
        suggestions.append(Suggestion(CRAMP_AND_SPASM, "Leg cramps reported on the intake questionnaire"))
    return suggestions
