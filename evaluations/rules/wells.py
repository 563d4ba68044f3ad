"""The Wells score for deep-vein thrombosis (DVT), one leg at a time.

Wells PS, Anderson DR, Rodger M, et al. Evaluation of D-dimer in the diagnosis of
suspected deep-vein thrombosis. N Engl J Med 2003;349:1227-35 (the modified score:
ten items, "previously documented DVT" added, two levels). A score of 2 or more means
"DVT likely", below 2 "DVT unlikely". The score guides testing; it never rules a clot
in or out on its own.
"""

from collections.abc import Mapping
from dataclasses import dataclass

SOURCE = "Wells 2003 (Wells PS et al., N Engl J Med 2003;349:1227-35)"

# Wells 2003: a total of 2 or more is "DVT likely".
LIKELY_FROM = 2


@dataclass(frozen=True)
class Item:
    code: str
    label: str
    points: int

    @property
    def points_text(self) -> str:
        return f"+{self.points}" if self.points > 0 else f"−{-self.points}"


# The ten items in the order of the paper's table (Wells 2003, Table 1).
ITEMS: tuple[Item, ...] = (
    Item("active_cancer", "Active cancer (treatment ongoing, within 6 months, or palliative)", 1),
    Item("paralysis_or_cast", "Paralysis, paresis, or recent plaster immobilisation of the leg", 1),
    Item("bedridden_or_surgery", "Recently bedridden 3 days or more, or major surgery within 12 weeks", 1),
    Item("deep_vein_tenderness", "Localized tenderness along the distribution of the deep venous system", 1),
    Item("entire_leg_swollen", "Entire leg swollen", 1),
    Item(
        "calf_swelling_3cm",
        "Calf swelling at least 3 cm larger than the other leg (measured 10 cm below the tibial tuberosity)",
        1,
    ),
    Item("pitting_edema", "Pitting oedema confined to the symptomatic leg", 1),
    Item("collateral_veins", "Collateral superficial veins (non-varicose)", 1),
    Item("previous_dvt", "Previously documented DVT", 1),
    Item("alternative_diagnosis", "An alternative diagnosis at least as likely as DVT", -2),
)
CODES: tuple[str, ...] = tuple(item.code for item in ITEMS)
BY_CODE: dict[str, Item] = {item.code: item for item in ITEMS}


@dataclass(frozen=True)
class WellsResult:
    score: int
    counted: tuple[Item, ...]

    @property
    def likely(self) -> bool:
        return self.score >= LIKELY_FROM

    @property
    def verdict(self) -> str:
        return "DVT likely" if self.likely else "DVT unlikely"


def score(present: Mapping[str, bool]) -> WellsResult:
    """The score from which items are present (missing codes count as absent)."""
    unknown = set(present) - set(CODES)
    if unknown:
        raise ValueError(f"Not Wells items: {', '.join(sorted(unknown))}")
    counted = tuple(item for item in ITEMS if present.get(item.code))
    return WellsResult(sum(item.points for item in counted), counted)


def hints_from_answers(*, previous_dvt: bool, swollen_legs: set[str], sudden: bool, leg: str) -> dict[str, str]:
    """Items the patient's own answers suggest for ``leg``, each with why; the clinician confirms.

    A past DVT is the "previously documented DVT" item once the clinician has the record.
    Swelling of the assessed leg alone, or swelling in it that started suddenly, is what a
    patient can tell us towards "entire leg swollen"; the examination decides. Nothing
    else on the questionnaire maps onto a Wells item.
    """
    reasons: dict[str, str] = {}
    if previous_dvt:
        reasons["previous_dvt"] = "The patient reported a past blood clot in a leg (DVT)."
    if leg in swollen_legs and (swollen_legs == {leg} or sudden):
        which = "only this leg is swollen" if swollen_legs == {leg} else "this leg is swollen"
        reasons["entire_leg_swollen"] = f"The patient reported that {which}" + (
            ", and that the swelling started suddenly." if sudden else "."
        )
    return reasons
