"""CEAP 2020 (Lurie et al. 2020) and the revised VCSS (Vasquez et al. 2010)."""

from decimal import Decimal

import pytest

from evaluations.rules import ceap, vcss
from evaluations.rules.segments import SegmentReading, UlcerNearby


def test_ceap_is_written_with_the_highest_class_first_and_the_symptom_suffix() -> None:
    text = ceap.format_ceap(["C4a", "C2"], True, "Ep", ceap.anatomy_code(True, False, True), "Pr", ["GSVa", "CPV"])
    assert text == "C4a,2,S Ep As,p Pr GSVa, CPV"


def test_no_anatomic_finding_is_written_an() -> None:
    assert ceap.anatomy_code(False, False, False) == "An"


def test_vcss_findings_suggest_the_clinical_classes_they_describe() -> None:
    signs = ceap.ClinicalSigns(vcss={"varicose_veins": 2, "venous_edema": 1, "induration": 1})
    assert ceap.suggest_classes(signs) == ["C4b", "C3", "C2"]


def test_varicose_veins_after_earlier_treatment_suggest_c2r() -> None:
    assert ceap.suggest_classes(ceap.ClinicalSigns(vcss={"varicose_veins": 1}, treated_before=True)) == ["C2r"]


def test_a_perforator_beneath_a_healed_ulcer_suggests_c5_and_an_open_one_c6() -> None:
    healed = SegmentReading("R", "CPV", 600, Decimal("4"), ulcer=UlcerNearby.HEALED)
    open_ = SegmentReading("R", "CPV", 600, Decimal("4"), ulcer=UlcerNearby.OPEN)
    assert ceap.suggest_classes(ceap.ClinicalSigns(readings=(healed,))) == ["C5"]
    assert ceap.suggest_classes(ceap.ClinicalSigns(readings=(open_,))) == ["C6"]


def test_c0_with_an_ulcer_on_vcss_is_flagged_as_contradictory() -> None:
    problems = ceap.contradictions(["C0"], {"active_ulcers": 1}, [])
    assert any("C0 is recorded" in p for p in problems)


def test_c0_with_a_perforator_beneath_an_ulcer_is_flagged() -> None:
    reading = SegmentReading("L", "CPV", 600, Decimal("4"), ulcer=UlcerNearby.HEALED)
    assert ceap.contradictions(["C0"], {}, [reading])


def test_consistent_ceap_has_no_contradictions() -> None:
    assert ceap.contradictions(["C6", "C2"], {"active_ulcers": 1}, []) == []


def test_reflux_and_thrombus_suggest_pr_o() -> None:
    readings = [SegmentReading("R", "GSVa", 800, Decimal("6")), SegmentReading("R", "FV", has_thrombus=True)]
    assert ceap.suggest_pathophysiology(readings) == "Pr,o"


def test_vcss_total_adds_ten_items_up_to_30() -> None:
    assert vcss.total(dict.fromkeys(vcss.ITEMS, 3)) == 30
    assert len(vcss.ITEMS) == 10


@pytest.mark.parametrize("score", [-1, 4])
def test_a_vcss_item_outside_0_to_3_is_refused(score: int) -> None:
    with pytest.raises(ValueError, match="0 to 3"):
        vcss.total({"pain": score})
