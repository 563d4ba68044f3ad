"""My plan: only what the physician signed, in plain words, with the care instructions."""

import pytest

from evaluations.rules.procedures import CompressionClass, ItemKind
from tests.factories import PatientFactory
from tests.factories.evaluations import PlanItemFactory, TreatmentPlanFactory, signed_evaluation

pytestmark = pytest.mark.django_db


def signed_plan(patient, physician):
    plan = TreatmentPlanFactory(patient=patient, notes="Internal: check prior auth with Aetna")
    PlanItemFactory(
        plan=plan,
        kind=ItemKind.COMPRESSION,
        side="B",
        target_segment="",
        compression_class=CompressionClass.MMHG_20_30,
        trial_days=90,
    )
    PlanItemFactory(plan=plan, kind=ItemKind.RFA, side="R", target_segment="GSVa")
    plan.sign(physician)
    return plan


def test_the_signed_plan_reads_in_plain_language_with_instructions(my_client, me, physician) -> None:
    signed_plan(me[1], physician)
    page = my_client.get("/portal/plan/").content.decode()
    assert "Put them on in the morning" in page
    assert "Medium strength (20-30 mmHg)" in page
    assert "A thin catheter heats the faulty vein" in page
    assert "After your procedure" in page
    assert "Internal: check prior auth" not in page


def test_a_draft_plan_is_not_shown(my_client, me) -> None:
    plan = TreatmentPlanFactory(patient=me[1])
    PlanItemFactory(plan=plan)
    page = my_client.get("/portal/plan/").content.decode()
    assert 'data-testid="no-plan"' in page


def test_signed_visit_summaries_can_be_read_and_downloaded(my_client, me, physician) -> None:
    evaluation = signed_evaluation(me[1], physician)
    page = my_client.get("/portal/plan/").content.decode()
    assert f"/portal/visits/{evaluation.pk}/summary/" in page
    response = my_client.get(f"/portal/visits/{evaluation.pk}/summary/", {"download": "1"})
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]


def test_an_unsigned_note_is_not_reachable(my_client, me) -> None:
    from tests.factories.evaluations import EvaluationFactory

    draft = EvaluationFactory(patient=me[1])
    assert my_client.get(f"/portal/visits/{draft.pk}/summary/").status_code == 404


def test_another_patients_summary_is_not_found(my_client, physician) -> None:
    theirs = signed_evaluation(PatientFactory(), physician)
    assert my_client.get(f"/portal/visits/{theirs.pk}/summary/").status_code == 404
