"""ICD-10-CM suggestions: every mapping with its laterality and ulcer site, checked against the seeded code list."""

import pytest

from evaluations.models import Icd10Code
from evaluations.rules import icd10
from evaluations.rules.icd10 import LegFacts, UlcerSite, suggest

R, L = "R", "L"
SIDE_WORDS = {R: "right", L: "left", "B": "bilateral"}


def codes(*legs: LegFacts, cramps: bool = False) -> list[str]:
    return [s.code for s in suggest(legs, cramps=cramps)]


def leg(side: str, *classes: str, **facts) -> LegFacts:
    return LegFacts(side=side, classes=classes, **facts)


# -- varicose veins (I83) ---------------------------------------------------------
@pytest.mark.parametrize(
    ("legs", "expected"),
    [
        ([leg(R, "C2")], ["I83.91"]),
        ([leg(L, "C2")], ["I83.92"]),
        ([leg(R, "C2"), leg(L, "C2r")], ["I83.93"]),
        ([leg(R, "C2", symptomatic=True)], ["I83.811"]),
        ([leg(L, "C2", symptomatic=True)], ["I83.812"]),
        ([leg(R, "C2", symptomatic=True), leg(L, "C2", symptomatic=True)], ["I83.813"]),
        # One leg symptomatic, the other not: two families, each with its own side.
        ([leg(R, "C2", symptomatic=True), leg(L, "C2")], ["I83.811", "I83.92"]),
        ([leg(R, "C2", "C4a")], ["I83.11"]),
        ([leg(L, "C2", "C4b")], ["I83.12"]),
        # No bilateral code for inflammation: one per leg.
        ([leg(R, "C2", "C4c"), leg(L, "C2", "C4a")], ["I83.11", "I83.12"]),
        ([leg(R, "C0"), leg(L, "C1")], []),
    ],
)
def test_varicose_veins_are_coded_by_complication_and_side(legs, expected) -> None:
    assert codes(*legs) == expected


SITES = [
    (UlcerSite.THIGH, "1", "thigh"),
    (UlcerSite.CALF, "2", "calf"),
    (UlcerSite.ANKLE, "3", "ankle"),
    (UlcerSite.HEEL_MIDFOOT, "4", "heel and midfoot"),
    (UlcerSite.FOOT_OTHER, "5", "other part of foot"),
    (UlcerSite.LOWER_LEG_OTHER, "8", "other part of lower"),
    (UlcerSite.NOT_RECORDED, "9", "unspecified site"),
]


@pytest.mark.parametrize(("site", "digit", "words"), SITES, ids=[s[0] or "unspecified" for s in SITES])
@pytest.mark.parametrize(("side", "side_digit"), [(R, "1"), (L, "2")])
def test_a_varicose_ulcer_is_coded_by_leg_and_site(site, digit, words, side, side_digit) -> None:
    assert codes(leg(side, "C2", "C6", ulcer_site=site)) == [f"I83.0{side_digit}{digit}"]
    assert codes(leg(side, "C2r", "C6r", "C4a", ulcer_site=site)) == [f"I83.2{side_digit}{digit}"]


@pytest.mark.django_db
@pytest.mark.parametrize(("site", "digit", "words"), SITES, ids=[s[0] or "unspecified" for s in SITES])
@pytest.mark.parametrize("side", [R, L])
def test_each_ulcer_code_is_in_the_seeded_list_with_its_site_and_side(site, digit, words, side) -> None:
    for stem in ("I83.0", "I83.2"):
        code = Icd10Code.objects.get(code=f"{stem}{'1' if side == R else '2'}{digit}")
        assert words in code.title and f"of {SIDE_WORDS[side]} lower extremity" in code.title
        assert code.laterality == side


# -- chronic venous hypertension (I87.3) ------------------------------------------------
@pytest.mark.parametrize(
    ("classes", "stem"), [(("C6",), "I87.31"), (("C4a",), "I87.32"), (("C4b", "C6"), "I87.33")], ids=str
)
def test_skin_changes_or_ulcer_without_varicose_veins_are_venous_hypertension(classes, stem) -> None:
    assert codes(leg(R, *classes)) == [f"{stem}1"]
    assert codes(leg(L, *classes)) == [f"{stem}2"]
    assert codes(leg(R, *classes), leg(L, *classes)) == [f"{stem}3"]


def test_post_thrombotic_legs_are_not_coded_as_idiopathic_venous_hypertension() -> None:
    # I87.3 Excludes1 chronic venous hypertension due to deep vein thrombosis (I87.0-).
    assert codes(leg(R, "C4a", chronic_deep_thrombus=True)) == []


# -- thrombosis (I82.4, I80.0) -------------------------------------------------------
DVT = [
    ("CFV", "I82.41"),
    ("FV", "I82.41"),
    ("DFV", "I82.41"),
    ("CIV", "I82.42"),
    ("EIV", "I82.42"),
    ("IIV", "I82.42"),
    ("POPV", "I82.43"),
    ("TIBV", "I82.44"),
    ("ATV", "I82.44"),
    ("PTV", "I82.44"),
    ("PRV", "I82.45"),
    ("MUSV", "I82.46"),
    ("GAV", "I82.46"),
    ("SOV", "I82.46"),
    ("PELV", "I82.49"),
]


@pytest.mark.parametrize(("segment", "stem"), DVT)
def test_an_acute_deep_thrombus_is_coded_by_vein_and_side(segment, stem) -> None:
    assert codes(leg(R, acute_thrombus=(segment,))) == [f"{stem}1"]
    assert codes(leg(L, acute_thrombus=(segment,))) == [f"{stem}2"]
    assert codes(leg(R, acute_thrombus=(segment,)), leg(L, acute_thrombus=(segment,))) == [f"{stem}3"]


@pytest.mark.django_db
@pytest.mark.parametrize(("segment", "stem"), DVT)
def test_each_dvt_code_is_in_the_seeded_list_with_its_side(segment, stem) -> None:
    for digit, side in (("1", R), ("2", L), ("3", "B")):
        code = Icd10Code.objects.get(code=f"{stem}{digit}")
        assert code.title.startswith("Acute embolism and thrombosis")
        assert SIDE_WORDS[side] in code.title and code.laterality == side


def test_a_thrombus_in_the_vena_cava_is_left_to_the_physician() -> None:
    assert codes(leg(R, acute_thrombus=("IVC",))) == []


@pytest.mark.parametrize("segment", ["GSVa", "GSVb", "SSV", "AASV", "NSV", "SFJ", "SPJ"])
def test_an_acute_superficial_thrombus_is_superficial_thrombophlebitis(segment) -> None:
    assert codes(leg(R, acute_thrombus=(segment,))) == ["I80.01"]
    assert codes(leg(L, acute_thrombus=(segment,))) == ["I80.02"]
    assert codes(leg(R, acute_thrombus=(segment,)), leg(L, acute_thrombus=("GSVa",))) == ["I80.03"]


# -- codes not per leg ----------------------------------------------------------------
def test_reflux_is_venous_insufficiency_once_for_both_legs() -> None:
    assert codes(leg(R, "C2", reflux=True), leg(L, "C2", reflux=True)) == ["I83.93", "I87.2"]


def test_venous_insufficiency_is_not_suggested_beside_varicose_stasis_dermatitis() -> None:
    # I87.2 Excludes1 stasis dermatitis with varicose veins (I83.1-, I83.2-).
    assert codes(leg(R, "C2", "C4a", reflux=True)) == ["I83.11"]


def test_cramps_reported_at_intake_are_cramp_and_spasm() -> None:
    assert codes(leg(R), cramps=True) == ["R25.2"]


def test_suggestions_come_worst_first_with_a_reason_each() -> None:
    found = suggest(
        [leg(R, "C2", "C6", ulcer_site=UlcerSite.ANKLE, reflux=True, acute_thrombus=("POPV",)), leg(L, "C2")],
        cramps=True,
    )
    assert [s.code for s in found] == ["I82.431", "I83.013", "I83.92", "I87.2", "R25.2"]
    assert found[1].reason == "Right leg: varicose veins (C2) with an active ulcer (C6)"


@pytest.mark.django_db
def test_every_code_the_rules_can_suggest_is_seeded_and_active() -> None:
    seeded = set(Icd10Code.objects.active().values_list("code", flat=True))
    possible = {icd10.VENOUS_INSUFFICIENCY, icd10.CRAMP_AND_SPASM}
    for digit in icd10.SIDE_DIGIT.values():
        possible |= {f"I83.1{digit}", f"I83.9{digit}", f"I83.81{digit}", f"I80.0{digit}"}
        possible |= {f"I83.{k}{digit}{s}" for k in "02" for s in icd10.ULCER_SITE_DIGIT.values()}
    for d in ("1", "2", "3"):
        possible |= {f"{stem}{d}" for stem in set(icd10.DVT_CATEGORY.values()) | {"I87.31", "I87.32", "I87.33"}}
    possible |= {"I83.93", "I83.813", "I80.03"}
    assert possible <= seeded


@pytest.mark.django_db
def test_codes_without_laterality_are_not_per_leg() -> None:
    for code in ("I87.2", "R25.2"):
        assert Icd10Code.objects.get(code=code).laterality == ""
    assert Icd10Code.objects.get(code="I87.393").title == (
        "Chronic venous hypertension (idiopathic) with other complications of bilateral lower extremity"
    )
