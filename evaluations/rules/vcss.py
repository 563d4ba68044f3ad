"""Venous Clinical Severity Score (revised VCSS, Vasquez et al., J Vasc Surg 2010;52:1387-96)."""

from collections.abc import Mapping

from django.db import models

# Ten items, each scored 0 (none) to 3 (severe); the total runs 0 to 30.
ITEM_MIN = 0  # revised VCSS 2010
ITEM_MAX = 3  # revised VCSS 2010
TOTAL_MAX = 30  # revised VCSS 2010: ten items x 3


class VcssItem(models.TextChoices):
    PAIN = "pain", "Pain"
    VARICOSE_VEINS = "varicose_veins", "Varicose veins"
    VENOUS_EDEMA = "venous_edema", "Venous edema"
    SKIN_PIGMENTATION = "skin_pigmentation", "Skin pigmentation"
    INFLAMMATION = "inflammation", "Inflammation"
    INDURATION = "induration", "Induration"
    ACTIVE_ULCERS = "active_ulcers", "Number of active ulcers"
    ULCER_DURATION = "ulcer_duration", "Active ulcer duration"
    ULCER_SIZE = "ulcer_size", "Active ulcer size"
    COMPRESSION = "compression", "Use of compression therapy"


ITEMS: list[str] = [item.value for item in VcssItem]

# What each score means, from the instrument, so the form reads like the paper one.
ANCHORS: dict[str, tuple[str, str, str, str]] = {
    "pain": ("None", "Occasional, not limiting activity", "Daily, limiting activity", "Daily, limits most activities"),
    "varicose_veins": (
        "None",
        "Few, scattered; includes corona phlebectatica",
        "Confined to calf or thigh",
        "Calf and thigh",
    ),
    "venous_edema": ("None", "Limited to foot and ankle", "Above ankle, below knee", "To knee and above"),
    "skin_pigmentation": (
        "None",
        "Limited to perimalleolar area",
        "Diffuse, lower third of calf",
        "Wider, above lower third",
    ),
    "inflammation": (
        "None",
        "Limited to perimalleolar area",
        "Diffuse, lower third of calf",
        "Wider, above lower third",
    ),
    "induration": ("None", "Limited to perimalleolar area", "Diffuse, lower third of calf", "Wider, above lower third"),
    "active_ulcers": ("None", "1", "2", "3 or more"),
    "ulcer_duration": ("No active ulcer", "Under 3 months", "3 to 12 months", "Not healed over 1 year"),
    "ulcer_size": ("No active ulcer", "Under 2 cm", "2 to 6 cm", "Over 6 cm"),
    "compression": ("Not used", "Intermittent", "Most days", "Full compliance, with elevation"),
}


def validate_score(value: int) -> int:
    if not ITEM_MIN <= value <= ITEM_MAX:
        raise ValueError(f"A VCSS item is scored {ITEM_MIN} to {ITEM_MAX}; {value} is outside that.")
    return value


def total(scores: Mapping[str, int]) -> int:
    return sum(validate_score(scores.get(item, 0)) for item in ITEMS)


def ulcer_items_consistent(scores: Mapping[str, int]) -> bool:
    """Duration and size describe an active ulcer; without one they must be 0."""
    if scores.get("active_ulcers", 0) == 0:
        return scores.get("ulcer_duration", 0) == 0 and scores.get("ulcer_size", 0) == 0
    return True
