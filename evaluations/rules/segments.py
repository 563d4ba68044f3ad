"""Leg vein segments (CEAP 2020 anatomic nomenclature) and the SVS/AVF 2011 reflux rules."""

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from django.db import models


class Side(models.TextChoices):
    RIGHT = "R", "Right"
    LEFT = "L", "Left"


class System(StrEnum):
    SUPERFICIAL = "superficial"
    DEEP = "deep"
    PERFORATOR = "perforator"
    JUNCTION = "junction"


class Segment(models.TextChoices):
    """Segments a duplex study reports on, named as in CEAP 2020, in anatomical order.

    The order is the one findings are listed in everywhere (ANATOMICAL_ORDER): the
    superficial system from each junction down its trunk (GSV then its accessory, SSV,
    non-saphenous), the deep system from the vena cava down to the calf, then the
    perforators, thigh before calf.

    Telangiectasias and reticular veins (Tel, Ret) are seen on examination, not
    measured on duplex, so they live in the CEAP "A" of the note, not here.
    """

    SFJ = "SFJ", "Saphenofemoral junction"
    GSVA = "GSVa", "Great saphenous vein, above knee"
    GSVB = "GSVb", "Great saphenous vein, below knee"
    AASV = "AASV", "Anterior accessory saphenous vein"
    SPJ = "SPJ", "Saphenopopliteal junction"
    SSV = "SSV", "Small saphenous vein"
    NSV = "NSV", "Non-saphenous vein"
    IVC = "IVC", "Inferior vena cava"
    CIV = "CIV", "Common iliac vein"
    IIV = "IIV", "Internal iliac vein"
    EIV = "EIV", "External iliac vein"
    PELV = "PELV", "Pelvic veins"
    CFV = "CFV", "Common femoral vein"
    DFV = "DFV", "Deep femoral vein"
    FV = "FV", "Femoral vein"
    POPV = "POPV", "Popliteal vein"
    TIBV = "TIBV", "Crural (tibial) veins"
    PRV = "PRV", "Peroneal veins"
    ATV = "ATV", "Anterior tibial veins"
    PTV = "PTV", "Posterior tibial veins"
    MUSV = "MUSV", "Muscular veins"
    GAV = "GAV", "Gastrocnemius veins"
    SOV = "SOV", "Soleal veins"
    TPV = "TPV", "Thigh perforator vein"
    CPV = "CPV", "Calf perforator vein"


ANATOMICAL_ORDER: tuple[str, ...] = tuple(Segment.values)


def anatomical_rank(segment: str) -> int:
    """A segment's place in ANATOMICAL_ORDER; anything unknown sorts last."""
    return ANATOMICAL_ORDER.index(segment) if segment in ANATOMICAL_ORDER else len(ANATOMICAL_ORDER)


SYSTEM: dict[str, System] = {
    Segment.SFJ: System.JUNCTION,
    Segment.SPJ: System.JUNCTION,
    Segment.GSVA: System.SUPERFICIAL,
    Segment.GSVB: System.SUPERFICIAL,
    Segment.AASV: System.SUPERFICIAL,
    Segment.SSV: System.SUPERFICIAL,
    Segment.NSV: System.SUPERFICIAL,
    Segment.TPV: System.PERFORATOR,
    Segment.CPV: System.PERFORATOR,
    **dict.fromkeys(
        [
            Segment.IVC,
            Segment.CIV,
            Segment.IIV,
            Segment.EIV,
            Segment.PELV,
            Segment.CFV,
            Segment.DFV,
            Segment.FV,
            Segment.POPV,
            Segment.TIBV,
            Segment.PRV,
            Segment.ATV,
            Segment.PTV,
            Segment.MUSV,
            Segment.GAV,
            Segment.SOV,
        ],
        System.DEEP,
    ),
}

# The junction a truncal vein drains through: payers that ask for "junctional
# reflux" look there, not at the trunk being treated.
JUNCTION_OF: dict[str, str] = {
    Segment.GSVA: Segment.SFJ,
    Segment.GSVB: Segment.SFJ,
    Segment.AASV: Segment.SFJ,
    Segment.SSV: Segment.SPJ,
}

# Veins a clinic ablates or closes (RFA, VenaSeal, Varithena target these).
TREATABLE = (Segment.GSVA, Segment.GSVB, Segment.AASV, Segment.SSV, Segment.NSV, Segment.TPV, Segment.CPV)

# SVS/AVF 2011 (Gloviczki et al., J Vasc Surg 2011;53:2S-48S), guideline 4.x:
# reflux is pathological when it lasts > 500 ms in the superficial veins (GSV, SSV,
# AASV), the tibial, deep femoral and perforating veins, and > 1000 ms in the common
# femoral, femoral and popliteal veins. The junctions are read with their trunks.
REFLUX_500_MS = 500  # SVS/AVF 2011
REFLUX_1000_MS = 1000  # SVS/AVF 2011
REFLUX_THRESHOLD_MS: dict[str, int] = {
    Segment.SFJ: REFLUX_500_MS,
    Segment.SPJ: REFLUX_500_MS,
    Segment.GSVA: REFLUX_500_MS,
    Segment.GSVB: REFLUX_500_MS,
    Segment.AASV: REFLUX_500_MS,
    Segment.SSV: REFLUX_500_MS,
    Segment.NSV: REFLUX_500_MS,
    Segment.TIBV: REFLUX_500_MS,
    Segment.PRV: REFLUX_500_MS,
    Segment.ATV: REFLUX_500_MS,
    Segment.PTV: REFLUX_500_MS,
    Segment.DFV: REFLUX_500_MS,
    Segment.TPV: REFLUX_500_MS,
    Segment.CPV: REFLUX_500_MS,
    Segment.CFV: REFLUX_1000_MS,
    Segment.FV: REFLUX_1000_MS,
    Segment.POPV: REFLUX_1000_MS,
}

# SVS/AVF 2011: a "pathological perforator" has outward flow >= 500 ms and a
# diameter >= 3.5 mm, and lies beneath a healed or open venous ulcer (C5-C6).
PERFORATOR_REFLUX_MS = 500  # SVS/AVF 2011
PERFORATOR_DIAMETER_MM = Decimal("3.5")  # SVS/AVF 2011

# What a body can have: anything outside is a typing error, not a finding.
MAX_REFLUX_MS = 10_000
MAX_DIAMETER_MM = Decimal("30")


class UlcerNearby(models.TextChoices):
    NONE = "", "No ulcer above it"
    HEALED = "healed", "Beneath a healed ulcer"
    OPEN = "open", "Beneath an open ulcer"


def system_of(segment: str) -> System:
    return SYSTEM[segment]


def reflux_threshold_ms(segment: str) -> int | None:
    """The SVS/AVF 2011 cut-off for ``segment``; None where the guideline sets none (iliac, pelvic, muscular)."""
    return REFLUX_THRESHOLD_MS.get(segment)


def is_pathological_reflux(segment: str, reflux_ms: int | None) -> bool:
    threshold = reflux_threshold_ms(segment)
    if threshold is None or reflux_ms is None:
        return False
    return reflux_ms > threshold


def is_pathological_perforator(
    segment: str, reflux_ms: int | None, diameter_mm: Decimal | None, ulcer: str | None
) -> bool:
    if system_of(segment) != System.PERFORATOR or reflux_ms is None or diameter_mm is None:
        return False
    beneath_ulcer = ulcer in (UlcerNearby.HEALED, UlcerNearby.OPEN)
    return beneath_ulcer and reflux_ms >= PERFORATOR_REFLUX_MS and Decimal(diameter_mm) >= PERFORATOR_DIAMETER_MM


class Finding(StrEnum):
    """How a segment is drawn and summarised, worst first."""

    THROMBUS = "thrombus"
    TREATED = "treated"
    REFLUX = "reflux"
    NORMAL = "normal"
    NOT_EXAMINED = "not_examined"


@dataclass(frozen=True)
class SegmentReading:
    """One measured segment, as the rules see it."""

    side: str
    segment: str
    reflux_ms: int | None = None
    diameter_mm: Decimal | None = None
    has_thrombus: bool = False
    ulcer: str | None = None

    @property
    def pathological(self) -> bool:
        return is_pathological_reflux(self.segment, self.reflux_ms) or is_pathological_perforator(
            self.segment, self.reflux_ms, self.diameter_mm, self.ulcer
        )

    def finding(self, treated: bool = False) -> Finding:
        if self.has_thrombus:
            return Finding.THROMBUS
        if treated:
            return Finding.TREATED
        return Finding.REFLUX if self.pathological else Finding.NORMAL
