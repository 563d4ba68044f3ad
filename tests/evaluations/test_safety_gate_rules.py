"""The safety gates as pure rules: which facts close which gate, and what only warns."""

import datetime

from evaluations.rules import gates
from evaluations.rules.gates import ACUTE_DVT_WINDOW_DAYS, Authorization, Gate, GateFacts, judge, recent_acute_dvts

TODAY = datetime.date(2030, 6, 4)


def days_ago(n: int) -> datetime.date:
    return TODAY - datetime.timedelta(days=n)


def facts(**values) -> GateFacts:
    base = {"procedure": "rfa", "procedure_label": "Radiofrequency ablation", "on": TODAY + datetime.timedelta(7)}
    return GateFacts(**{**base, **values})


def test_an_acute_popliteal_dvt_seen_last_week_is_open() -> None:
    dvts = recent_acute_dvts([(1, days_ago(7), [("R", "POPV", True)])], today=TODAY)
    assert [(d.side, d.segment, d.study_id) for d in dvts] == [("R", "POPV", 1)]


def test_a_dvt_older_than_the_window_no_longer_closes_the_gate() -> None:
    study = (1, days_ago(ACUTE_DVT_WINDOW_DAYS + 1), [("R", "POPV", True)])
    assert recent_acute_dvts([study], today=TODAY) == ()
    assert recent_acute_dvts([(1, days_ago(ACUTE_DVT_WINDOW_DAYS), [("R", "POPV", True)])], today=TODAY)


def test_a_later_study_of_the_same_vein_without_acute_thrombus_resolves_it() -> None:
    seen = (1, days_ago(30), [("R", "POPV", True)])
    cleared = (2, days_ago(3), [("R", "POPV", False)])
    assert recent_acute_dvts([cleared, seen], today=TODAY) == ()


def test_a_later_study_that_did_not_look_at_that_vein_does_not_resolve_it() -> None:
    seen = (1, days_ago(30), [("R", "POPV", True)])
    elsewhere = (2, days_ago(3), [("R", "CFV", False), ("L", "POPV", False)])
    assert [d.study_id for d in recent_acute_dvts([seen, elsewhere], today=TODAY)] == [1]


def test_a_study_dated_after_today_is_not_read() -> None:
    assert recent_acute_dvts([(1, TODAY + datetime.timedelta(1), [("L", "FV", True)])], today=TODAY) == ()


def test_every_closed_gate_is_listed_with_its_reason() -> None:
    dvt = gates.Dvt("R", "POPV", 9, days_ago(2))
    result = judge(
        facts(
            acute_dvts=(dvt,),
            allergies=(("lidocaine", "Lidocaine (tumescent anaesthesia)"),),
            pregnant=True,
            unmet_criteria=("No deep venous obstruction: not met",),
            authorization=Authorization(required=True),
        )
    )
    assert result.gates == [Gate.ACUTE_DVT, Gate.ALLERGY, Gate.PREGNANCY, Gate.PAYER_CRITERIA, Gate.AUTHORIZATION]
    text = " ".join(r.reason for r in result.refusals)
    assert "right POPV on duplex #9" in text and "Lidocaine" in text and "No deep venous obstruction" in text


def test_each_product_is_stopped_by_its_own_agent_only() -> None:
    every_agent = tuple((a, a) for a in ("polidocanol", "cyanoacrylate", "lidocaine", "latex", "iodine"))
    stopped = {
        kind: [
            r.reason.split(": ")[1].split(",")[0] for r in judge(facts(procedure=kind, allergies=every_agent)).refusals
        ]
        for kind in ("rfa", "venaseal", "varithena")
    }
    assert stopped == {"rfa": ["lidocaine"], "venaseal": ["cyanoacrylate"], "varithena": ["polidocanol"]}


def test_an_authorization_that_runs_out_before_the_procedure_closes_the_gate() -> None:
    expiring = Authorization(required=True, number="A1", approved=True, valid_until=TODAY)
    assert judge(facts(on=TODAY, authorization=expiring)).closed is False
    result = judge(facts(on=TODAY + datetime.timedelta(1), authorization=expiring))
    assert result.gates == [Gate.AUTHORIZATION] and "expires Jun 4, 2030" in result.refusals[0].reason


def test_a_pending_authorization_the_payer_requires_closes_the_gate() -> None:
    pending = Authorization(required=True, status_label="Pending")
    assert "status: pending" in judge(facts(authorization=pending)).refusals[0].reason
    assert judge(facts(authorization=Authorization(required=False))).closed is False


def test_a_blood_thinner_warns_and_never_blocks() -> None:
    result = judge(facts(blood_thinners=("Eliquis (apixaban), anticoagulant",)))
    assert not result.closed
    assert result.warnings == (
        "Blood thinner: Eliquis (apixaban), anticoagulant. Decide whether to hold it before the procedure.",
    )


def test_not_sure_about_pregnancy_warns() -> None:
    result = judge(facts(maybe_pregnant=True))
    assert not result.closed and "not sure" in result.warnings[0]
