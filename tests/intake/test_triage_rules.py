"""One test per triage rule in intake/triage.py; docs/clinical-rules.md ("Triage") has the source of each."""

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
    # Clinic triage policy: chest pain or shortness of breath with leg symptoms may be a clot in the lungs.
    result = triage(answers(chest_pain=True))
    assert result.level == TriageLevel.EMERGENCY
    assert result.findings[0].answers == ("Chest pain: Yes",)


def test_shortness_of_breath_means_emergency_care_now() -> None:
    assert triage(answers(short_of_breath=True)).level == TriageLevel.EMERGENCY


def test_one_swollen_red_painful_leg_is_a_possible_dvt() -> None:
    # Clinic triage policy: swelling with redness, warmth or severe pain, above all in one leg.
    result = triage(answers(swelling="left", redness="left", leg_pain="left"))
    assert result.level == TriageLevel.URGENT
    finding = result.findings[0]
    assert finding.code == "possible_dvt"
    assert "Swelling: Left leg" in finding.answers
    assert "Redness of the skin: Left leg" in finding.answers
    assert finding.source.startswith("Clinic triage policy: a swollen leg with pain, redness or warmth")


def test_one_swollen_warm_leg_is_a_possible_dvt() -> None:
    assert "possible_dvt" in codes(answers(swelling="right", warmth="right"))


def test_clot_signs_on_the_other_leg_are_not_a_dvt_sign() -> None:
    # The signs must be on the swollen leg.
    assert "possible_dvt" not in codes(answers(swelling="right", redness="left"))


def test_one_swollen_leg_alone_is_not_urgent() -> None:
    assert triage(answers(swelling="left")).level == TriageLevel.ROUTINE


def test_sudden_swelling_of_both_legs_with_pain_is_a_possible_dvt() -> None:
    # Sudden onset makes a clot likelier even when both legs swell.
    result = triage(answers(swelling="both", leg_pain="both", swelling_sudden=True))
    assert result.level == TriageLevel.URGENT
    assert "The swelling started suddenly, in the last few days: Yes" in result.findings[0].answers


def test_gradual_swelling_of_both_legs_with_redness_is_priority() -> None:
    # "Above all in one leg": both legs, not sudden, is less likely a clot.
    result = triage(answers(swelling="both", redness="both"))
    assert result.level == TriageLevel.PRIORITY
    assert codes(answers(swelling="both", redness="both")) == {"clot_signs_both_legs"}


def test_a_bleeding_vein_is_urgent() -> None:
    result = triage(answers(bleeding="right"))
    assert result.level == TriageLevel.URGENT
    assert result.findings[0].answers == ("Bleeding from a vein: Right leg",)


def test_an_ulcer_with_signs_of_infection_is_urgent() -> None:
    # An open ulcer is CEAP 2020 class C6; infection makes it urgent.
    result = triage(answers(open_ulcer="left", ulcer_infection_signs=True))
    assert result.level == TriageLevel.URGENT
    assert "infected_ulcer" in codes(answers(open_ulcer="left", ulcer_infection_signs=True))


def test_skin_changes_near_the_ankle_are_priority() -> None:
    # CEAP 2020: pigmentation or eczema near the ankle is C4a.
    result = triage(answers(skin_discoloration="left"))
    assert result.level == TriageLevel.PRIORITY
    assert result.findings[0].code == "skin_changes"


def test_a_healed_ulcer_is_priority() -> None:
    # CEAP 2020: a healed ulcer is C5.
    assert triage(answers(healed_ulcer="right")).level == TriageLevel.PRIORITY


def test_an_open_ulcer_without_infection_is_priority() -> None:
    # CEAP 2020: an active ulcer is C6.
    assert triage(answers(open_ulcer="both")).level == TriageLevel.PRIORITY


def test_the_most_urgent_rule_sets_the_level_and_all_rules_are_listed() -> None:
    result = triage(answers(chest_pain=True, bleeding="left", skin_discoloration="left"))
    assert result.level == TriageLevel.EMERGENCY
    assert [f.code for f in result.findings] == ["chest_symptoms", "bleeding_vein", "skin_changes"]


def test_every_rule_names_a_clinic_policy_or_a_published_classification() -> None:
    for rule in RULES:
        assert rule.source.startswith(("Clinic triage policy: ", "CEAP 2020 (Lurie et al.): ")), rule.code


def test_every_source_line_is_short_enough_to_read_at_a_glance() -> None:
    for rule in RULES:
        assert len(rule.source) <= 120, rule.code
