"""Treatments and their CPT codes (AMA CPT; docs/clinical-rules.md, "Treatments")."""

from collections.abc import Iterable

from django.db import models


class ItemKind(models.TextChoices):
    COMPRESSION = "compression", "Compression stockings"
    EXERCISE = "exercise", "Exercise (calf-muscle pump)"
    ELEVATION = "elevation", "Leg elevation"
    HYDRATION = "hydration", "Hydration"
    MAGNESIUM_POTASSIUM = "mg_k", "Magnesium / potassium"
    RFA = "rfa", "Radiofrequency ablation (ClosureFast)"
    VENASEAL = "venaseal", "VenaSeal cyanoacrylate closure"
    VARITHENA = "varithena", "Varithena polidocanol microfoam"


PROCEDURES = frozenset({ItemKind.RFA, ItemKind.VENASEAL, ItemKind.VARITHENA})


class CompressionClass(models.TextChoices):
    MMHG_20_30 = "20-30", "20-30 mmHg"
    MMHG_30_40 = "30-40", "30-40 mmHg"


# CPT: first vein treated / each additional vein in the same leg and session.
CPT_FIRST_VEIN = {
    ItemKind.RFA: "36475",  # CPT 36475 RFA, first vein
    ItemKind.VENASEAL: "36482",  # CPT 36482 cyanoacrylate, first vein
    ItemKind.VARITHENA: "36465",  # CPT 36465 foam, single truncal vein
}
CPT_ADD_ON = {
    ItemKind.RFA: "36476",  # CPT 36476 RFA, each additional vein (add-on)
    ItemKind.VENASEAL: "36483",  # CPT 36483 cyanoacrylate, each additional vein (add-on)
}
CPT_VARITHENA_MULTIPLE = "36466"  # CPT 36466 foam, multiple truncal veins, same leg
CPT_DUPLEX_BILATERAL = "93970"  # CPT 93970
CPT_DUPLEX_UNILATERAL = "93971"  # CPT 93971 unilateral or limited


def assign_cpt_codes(procedures: Iterable[tuple[int, str, str]]) -> dict[int, str]:
    """CPT code per procedure, given (id, kind, side) in the order they are done.

    The first vein of a kind on a leg takes the primary code and each further one
    the add-on; Varithena bills 36466 once for several truncal veins on a leg.
    """
    rows = list(procedures)
    seen: dict[tuple[str, str], int] = {}
    for _, kind, side in rows:
        seen[(kind, side)] = seen.get((kind, side), 0) + 1
    codes: dict[int, str] = {}
    counted: dict[tuple[str, str], int] = {}
    for pk, kind, side in rows:
        key = (kind, side)
        counted[key] = counted.get(key, 0) + 1
        if kind == ItemKind.VARITHENA:
            codes[pk] = CPT_VARITHENA_MULTIPLE if seen[key] > 1 else CPT_FIRST_VEIN[kind]
        elif kind in CPT_FIRST_VEIN:
            codes[pk] = CPT_FIRST_VEIN[kind] if counted[key] == 1 else CPT_ADD_ON[kind]
    return codes


def duplex_cpt(sides: int) -> str:
    return CPT_DUPLEX_BILATERAL if sides == 2 else CPT_DUPLEX_UNILATERAL
