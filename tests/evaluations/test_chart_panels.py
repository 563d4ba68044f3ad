"""The chart's diagram and plan panels read the patient's plans once between them."""

import pytest
from django.test import RequestFactory
from django.utils import timezone

from evaluations import panels, selectors
from evaluations.models.plans import ItemStatus
from evaluations.rules.procedures import ItemKind
from tests.factories import PatientFactory
from tests.factories.evaluations import PlanItemFactory, TreatmentPlanFactory, compression_trial, final_study

pytestmark = pytest.mark.django_db


def test_the_diagram_marks_the_same_segments_treated_as_the_other_pages(physician) -> None:
    patient = PatientFactory()
    final_study(patient=patient)
    older, newer = TreatmentPlanFactory(patient=patient), TreatmentPlanFactory(patient=patient)
    done = timezone.localdate()
    PlanItemFactory(plan=older, status=ItemStatus.DONE, done_on=done, side="R", target_segment="GSVa")
    PlanItemFactory(
        plan=newer, status=ItemStatus.FOLLOWED_UP, done_on=done, kind=ItemKind.VENASEAL, side="L", target_segment="SSV"
    )
    PlanItemFactory(plan=newer, status=ItemStatus.SCHEDULED, side="L", target_segment="GSVa")
    compression_trial(newer, started=done)
    request = RequestFactory().get("/")
    request.user = physician

    treated = selectors.treated_segments(patient)
    assert treated == {("R", "GSVa"), ("L", "SSV")}
    assert selectors.treated_in(selectors.plans_for(patient)) == treated
    assert panels.chart_diagram(request, patient)["diagram"] is not None
    assert panels.chart_plan(request, patient)["plan"] == selectors.plans_for(patient).first() == newer
