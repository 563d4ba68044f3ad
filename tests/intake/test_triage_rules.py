"""One test per triage rule in intake/triage.py, each naming its source in DESIGN.md."""

from intake.models import ScreeningSubmission
from intake.triage import RULES, TriageLevel, triage


def answers(**given: object) -> ScreeningSubmission:
    return ScreeningSubmission(**given)


def codes(submission: ScreeningSubmission) -> set[str]:
    return {f.code for f in triage(submission).findings}


def test_no_worrying_answers_is_routine() -> None:
    result = triage(answers(cramps="both", heaviness="both", cramps_at_night=True))
    assert result.level == TriageLevel.ROUTINE
    assert result.findings == ()


def test_chest_pain_means_emergency_care_now() -> None:
    # DESIGN.md, Red flags: "chest pain or shortness of breath means emergency care now".
    result = triage(answers(chest_pain=True))
    assert result.level == TriageLevel.EMERGENCY
    assert result.findings[0].answers == ("Chest pain: Yes",)


def test_shortness_of_breath_means_emergency_care_now() -> None:
    # DESIGN.md, Red flags.
    assert triage(answers(short_of_breath=True)).level == TriageLevel.EMERGENCY


def test_one_swollen_red_painful_leg_is_a_possible_dvt() -> None:
    # DESIGN.md, Red flags: swelling with redness, warmth or severe pain, above all in one leg.
    result = triage(answers(swelling="left", redness="left", leg_pain="left"))
    assert result.level == TriageLevel.URGENT
    finding = result.findings[0]
    assert finding.code == "possible_dvt"
    assert "Swelling: Left leg" in finding.answers
    assert "Redness of the skin: Left leg" in finding.answers
    assert "DESIGN.md" in finding.source


def test_one_swollen_warm_leg_is_a_possible_dvt() -> None:
    # DESIGN.md, Red flags: warmth.
    assert "possible_dvt" in codes(answers(swelling="right", warmth="right"))


def test_clot_signs_on_the_other_leg_are_not_a_dvt_sign() -> None:
    # DESIGN.md, Red flags: the signs must be on the swollen leg.
    assert "possible_dvt" not in codes(answers(swelling="right", redness="left"))


def test_one_swollen_leg_alone_is_not_urgent() -> None:
    assert triage(answers(swelling="left")).level == TriageLevel.ROUTINE


def test_sudden_swelling_of_both_legs_with_pain_is_a_possible_dvt() -> None:
    # DESIGN.md, Red flags; issue 3: sudden onset.
    result = triage(answers(swelling="both", leg_pain="both", swelling_sudden=True))
    assert result.level == TriageLevel.URGENT
    assert "The swelling started suddenly, in the last few days: Yes" in result.findings[0].answers


def test_gradual_swelling_of_both_legs_with_redness_is_priority() -> None:
    # DESIGN.md, Red flags: "above all in one leg"; both legs, not sudden, is less likely a clot.
    result = triage(answers(swelling="both", redness="both"))
    assert result.level == TriageLevel.PRIORITY
    assert codes(answers(swelling="both", redness="both")) == {"clot_signs_both_legs"}


def test_a_bleeding_vein_is_urgent() -> None:
    # DESIGN.md, CVI symptoms: ulcers and bleeding.
    result = triage(answers(bleeding="right"))
    assert result.level == TriageLevel.URGENT
    assert result.findings[0].answers == ("Bleeding from a vein: Right leg",)


def test_an_ulcer_with_signs_of_infection_is_urgent() -> None:
    # DESIGN.md, CEAP C6 active ulcer.
    result = triage(answers(open_ulcer="left", ulcer_infection_signs=True))
    assert result.level == TriageLevel.URGENT
    assert "infected_ulcer" in codes(answers(open_ulcer="left", ulcer_infection_signs=True))


def test_skin_changes_near_the_ankle_are_priority() -> None:
    # DESIGN.md, CEAP C4a pigmentation; CVI symptoms: skin discoloration near the ankles.
    result = triage(answers(skin_discoloration="left"))
    assert result.level == TriageLevel.PRIORITY
    assert result.findings[0].code == "skin_changes"


def test_a_healed_ulcer_is_priority() -> None:
    # DESIGN.md, CEAP C5 healed ulcer.
    assert triage(answers(healed_ulcer="right")).level == TriageLevel.PRIORITY


def test_an_open_ulcer_without_infection_is_priority() -> None:
    # DESIGN.md, CEAP C6 active ulcer.
    assert triage(answers(open_ulcer="both")).level == TriageLevel.PRIORITY


def test_the_most_urgent_rule_sets_the_level_and_all_rules_are_listed() -> None:
    result = triage(answers(chest_pain=True, bleeding="left", skin_discoloration="left"))
    assert result.level == TriageLevel.EMERGENCY
    assert [f.code for f in result.findings] == ["chest_symptoms", "bleeding_vein", "skin_changes"]


def test_every_rule_names_its_source_in_design_md() -> None:
    for rule in RULES:
        assert "DESIGN.md" in rule.source, rule.code
