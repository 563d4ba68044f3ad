"""The treatment plan in plain language, and the care instructions that go with it.

The physician's plan names treatments in clinical terms (evaluations.rules.procedures);
patients read what each one is, what to do, and what to expect. Facts follow
docs/clinical-rules.md, "Treatments".
"""

from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from evaluations.rules.procedures import PROCEDURES, CompressionClass, ItemKind


@dataclass(frozen=True)
class Explanation:
    title: Promise
    what: Promise
    steps: list[Promise] = field(default_factory=list)


EXPLANATIONS: dict[str, Explanation] = {
    ItemKind.COMPRESSION: Explanation(
        _("Compression stockings"),
        _("Stockings that squeeze the leg gently, most at the ankle, to help blood flow back to the heart."),
        [
            _("Put them on in the morning, before your legs swell, and take them off at bedtime."),
            _("Smooth out wrinkles; do not roll or fold the top band down."),
            _("Wash them by hand and let them air-dry; replace them about every six months."),
            _("Tell us if they cause pain, numbness or skin problems."),
        ],
    ),
    ItemKind.EXERCISE: Explanation(
        _("Exercise"),
        _("Walking and calf exercises make the calf muscle pump blood up the leg."),
        [_("Walk every day, building up to 30 minutes."), _("When sitting for long, flex your ankles up and down.")],
    ),
    ItemKind.ELEVATION: Explanation(
        _("Leg elevation"),
        _("Raising the legs above the heart lets swelling drain."),
        [_("Lie down with your legs raised on pillows for 15 to 30 minutes, several times a day.")],
    ),
    ItemKind.HYDRATION: Explanation(
        _("Drinking enough water"),
        _("Dehydration makes leg cramps more likely."),
        [_("Drink water through the day; limit alcohol.")],
    ),
    ItemKind.MAGNESIUM_POTASSIUM: Explanation(
        _("Magnesium and potassium"),
        _("Low magnesium or potassium can cause muscle cramps."),
        [_("Eat foods rich in them (bananas, leafy greens, nuts, beans); take supplements only as advised.")],
    ),
    ItemKind.RFA: Explanation(
        _("Radiofrequency ablation"),
        _("A thin catheter heats the faulty vein from inside so it closes; blood then flows through healthy veins."),
    ),
    ItemKind.VENASEAL: Explanation(
        _("VenaSeal closure"),
        _("A small amount of medical adhesive seals the faulty vein closed; blood then flows through healthy veins."),
    ),
    ItemKind.VARITHENA: Explanation(
        _("Varithena microfoam"),
        _("A medicated foam is injected into the faulty vein, which then closes; blood flows through healthy veins."),
    ),
}

COMPRESSION_GUIDANCE = {
    CompressionClass.MMHG_20_30: _("Medium strength (20-30 mmHg): for aching, swelling and varicose veins."),
    CompressionClass.MMHG_30_40: _("Firm strength (30-40 mmHg): for marked swelling, skin changes or after an ulcer."),
}

BEFORE_PROCEDURE = [
    _("Eat a light meal beforehand and take your usual medicines unless your physician told you otherwise."),
    _("Wear loose clothing and bring your compression stockings."),
    _("Arrange a ride home if you were told you will have a sedative."),
]

# After an ablation a duplex within 72 hours checks for heat-induced thrombosis (EHIT) or DVT (clinic protocol).
AFTER_PROCEDURE = [
    _("Walk for 10 to 20 minutes right after the procedure and several times a day afterwards."),
    _("Wear your compression stockings as instructed, usually day and night for the first days."),
    _("Most people return to normal activity the next day; avoid heavy lifting and hot baths for a week."),
    _("Keep the ultrasound check booked within 3 days (72 hours) of the procedure."),
    _("Call us the same day for increasing calf pain or swelling. Chest pain or trouble breathing: call 911."),
]


def explain(kind: str) -> Explanation | None:
    return EXPLANATIONS.get(kind)


def has_procedure(kinds: list[str]) -> bool:
    return any(kind in PROCEDURES for kind in kinds)
