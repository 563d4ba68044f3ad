"""Staff read a short source line per triage finding, on new screenings and on old stored ones."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from intake.models import ScreeningSubmission
from intake.triage import RULES
from tests.factories import ScreeningFactory

pytestmark = pytest.mark.django_db

migration = importlib.import_module("intake.migrations.0006_triage_findings_cite_primary_sources")
SOURCE = {rule.code: rule.source for rule in RULES}

# Rows stored before the rewrite cited internal notes and a ticket that a clinic's
# engineer never had; the migration recognises rows by rule code, not by that wording.
NOTES, TICKET = "internal-notes.txt", "ticket #3"
FORMER_INFECTED_ULCER = f"{NOTES}, CEAP C6 active ulcer; {TICKET} triage (ulcer with signs of infection)"
FORMER_DVT = (
    f"{NOTES}, Domain reference: Red flags (swelling with redness, warmth or severe pain, above all in one leg)"
)


def stored_with(submission: ScreeningSubmission, **sources: str) -> ScreeningSubmission:
    findings = [{**f, "source": sources.get(f["code"], f["source"])} for f in submission.triage_findings]
    ScreeningSubmission.objects.filter(pk=submission.pk).update(triage_findings=findings)
    submission.refresh_from_db()
    return submission


def test_a_new_screening_stores_the_short_source_line_of_each_rule_that_fired() -> None:
    submission = ScreeningFactory(swelling="left", redness="left", skin_discoloration="left")
    stored = {f["code"]: f["source"] for f in submission.triage_findings}
    assert stored == {
        "possible_dvt": "Clinic triage policy: a swollen leg with pain, redness or warmth may be a clot (DVT): "
        "same-day evaluation",
        "skin_changes": "CEAP 2020 (Lurie et al.): skin changes near the ankle are class C4; "
        "priority visit by clinic policy",
    }


def test_the_front_desk_sees_the_source_line_on_the_screening(front_desk_client) -> None:
    submission = ScreeningFactory(open_ulcer="left", ulcer_infection_signs=True)
    response = front_desk_client.get(reverse("screening_detail", args=[submission.pk]))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Source: Clinic triage policy: an open ulcer (CEAP C6) with signs of infection is seen urgently" in text
    assert "Source: CEAP 2020 (Lurie et al.): a healed ulcer is C5, an active ulcer C6" in text


def test_the_migration_rewrites_the_former_source_text_of_a_stored_screening() -> None:
    submission = stored_with(
        ScreeningFactory(swelling="right", warmth="right", open_ulcer="right", ulcer_infection_signs=True),
        infected_ulcer=FORMER_INFECTED_ULCER,
        possible_dvt=FORMER_DVT,
    )
    before = submission.triage_findings
    migration.rewrite_sources(apps, None)
    submission.refresh_from_db()
    after = submission.triage_findings
    assert {f["code"]: f["source"] for f in after} == {f["code"]: SOURCE[f["code"]] for f in before}
    assert [(f["code"], f["level"], f["title"], f["answers"]) for f in after] == [
        (f["code"], f["level"], f["title"], f["answers"]) for f in before
    ]
    assert NOTES not in str(after) and TICKET not in str(after)


def test_the_migration_leaves_current_lines_routine_screenings_and_unknown_rules_alone() -> None:
    current = ScreeningFactory(bleeding="left")
    routine = ScreeningFactory()
    retired = ScreeningFactory(healed_ulcer="left")
    ScreeningSubmission.objects.filter(pk=retired.pk).update(
        triage_findings=[{"code": "retired_rule", "level": 2, "title": "Old", "source": "kept", "answers": []}]
    )
    migration.rewrite_sources(apps, None)
    for row in (current, routine):
        assert ScreeningSubmission.objects.get(pk=row.pk).triage_findings == row.triage_findings
    retired.refresh_from_db()
    assert retired.triage_findings[0]["source"] == "kept"
