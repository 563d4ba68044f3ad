"""The Wells DVT score (Wells 2003): ten items, their points, and the "likely" threshold of 2."""

import pytest

from evaluations.rules import wells

ONE_POINT_ITEMS = [code for code in wells.CODES if code != "alternative_diagnosis"]


def test_there_are_ten_items_in_the_papers_order() -> None:
    assert wells.CODES == (
        "active_cancer",
        "paralysis_or_cast",
        "bedridden_or_surgery",
        "deep_vein_tenderness",
        "entire_leg_swollen",
        "calf_swelling_3cm",
        "pitting_edema",
        "collateral_veins",
        "previous_dvt",
        "alternative_diagnosis",
    )


@pytest.mark.parametrize("code", ONE_POINT_ITEMS)
def test_each_clinical_item_scores_one_point(code: str) -> None:
    result = wells.score({code: True})
    assert result.score == 1
    assert [item.code for item in result.counted] == [code]
    assert wells.BY_CODE[code].points_text == "+1"


def test_an_alternative_diagnosis_at_least_as_likely_takes_two_points_off() -> None:
    result = wells.score({"alternative_diagnosis": True})
    assert result.score == -2
    assert wells.BY_CODE["alternative_diagnosis"].points_text == "−2"
    assert wells.score({"entire_leg_swollen": True, "pitting_edema": True, "alternative_diagnosis": True}).score == 0


def test_one_point_is_unlikely_and_two_points_is_likely() -> None:
    one = wells.score({"entire_leg_swollen": True})
    two = wells.score({"entire_leg_swollen": True, "previous_dvt": True})
    assert (one.score, one.likely, one.verdict) == (1, False, "DVT unlikely")
    assert (two.score, two.likely, two.verdict) == (2, True, "DVT likely")
    assert wells.LIKELY_FROM == 2


def test_no_items_scores_zero_and_every_item_scores_seven() -> None:
    assert wells.score({}).score == 0
    assert wells.score(dict.fromkeys(wells.CODES, True)).score == 9 - 2


def test_the_alternative_diagnosis_can_bring_a_likely_score_below_the_threshold() -> None:
    present = {"active_cancer": True, "calf_swelling_3cm": True, "collateral_veins": True}
    assert wells.score(present).likely
    assert not wells.score({**present, "alternative_diagnosis": True}).likely


def test_an_unknown_item_is_refused() -> None:
    with pytest.raises(ValueError, match="Not Wells items: swollen"):
        wells.score({"swollen": True})


def test_the_rule_names_its_source() -> None:
    assert "N Engl J Med 2003;349:1227-35" in wells.SOURCE
    assert "N Engl J Med 2003;349:1227-35" in wells.__doc__


def test_a_past_dvt_reported_at_intake_suggests_the_previous_dvt_item_on_either_leg() -> None:
    for leg in ("left", "right"):
        hints = wells.hints_from_answers(previous_dvt=True, swollen_legs=set(), sudden=False, leg=leg)
        assert set(hints) == {"previous_dvt"}


def test_swelling_of_the_assessed_leg_alone_suggests_entire_leg_swollen() -> None:
    hints = wells.hints_from_answers(previous_dvt=False, swollen_legs={"left"}, sudden=False, leg="left")
    assert set(hints) == {"entire_leg_swollen"}
    assert "only this leg" in hints["entire_leg_swollen"]
    other = wells.hints_from_answers(previous_dvt=False, swollen_legs={"left"}, sudden=False, leg="right")
    assert other == {}


def test_swelling_of_both_legs_suggests_nothing_unless_it_started_suddenly() -> None:
    both = {"left", "right"}
    assert wells.hints_from_answers(previous_dvt=False, swollen_legs=both, sudden=False, leg="left") == {}
    sudden = wells.hints_from_answers(previous_dvt=False, swollen_legs=both, sudden=True, leg="left")
    assert set(sudden) == {"entire_leg_swollen"}
    assert "started suddenly" in sudden["entire_leg_swollen"]
