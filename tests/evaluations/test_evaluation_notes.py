"""Physicians write notes prefilled from the duplex, sign them, and add addenda; signed notes never change."""

from decimal import Decimal

import pytest
from django.urls import reverse

from evaluations.models import Evaluation, LegAssessment, SignedNoteLocked
from evaluations.rules import vcss
from tests.conftest import client_for
from tests.factories import PatientFactory
from tests.factories.evaluations import (
    DuplexStudyFactory,
    EvaluationFactory,
    LegAssessmentFactory,
    SegmentFindingFactory,
    signed_evaluation,
)

pytestmark = pytest.mark.django_db


def _leg_data(side: str, **values) -> dict:
    data = {f"leg-{side}-{item}": "0" for item in vcss.ITEMS}
    data.update({f"leg-{side}-etiology": "Ep", f"leg-{side}-pathophysiology": "Pr", f"leg-{side}-symptomatic": "on"})
    for key, value in values.items():
        data[f"leg-{side}-{key}"] = value
    return data


def _note_data(**right) -> dict:
    return {"visit_date": "2026-03-02", "history": "Aching legs.", **_leg_data("R", **right), **_leg_data("L")}


def test_a_new_note_is_prefilled_from_the_latest_duplex(physician_client) -> None:
    patient = PatientFactory()
    study = DuplexStudyFactory(patient=patient)
    SegmentFindingFactory(study=study, segment="GSVa", reflux_ms=800, diameter_mm=Decimal("6"))
    physician_client.post(reverse("evaluations:evaluation_start", args=[patient.pk]))
    evaluation = Evaluation.objects.get(patient=patient)
    right = evaluation.legs.get(side="R")
    assert evaluation.duplex_study == study
    assert (right.anatomy, right.pathophysiology, right.segments) == ("As", "Pr", ["GSVa"])
    assert evaluation.legs.get(side="L").anatomy == "An"


def test_the_form_suggests_the_clinical_class_but_the_physician_decides(physician, physician_client) -> None:
    evaluation = EvaluationFactory(physician=physician)
    LegAssessmentFactory(evaluation=evaluation, side="R", clinical_classes=[], varicose_veins=2, venous_edema=1)
    page = physician_client.get(reverse("evaluations:evaluation_edit", args=[evaluation.pk])).content.decode()
    assert "Suggested from the findings and the patient&rsquo;s answers: <strong>C3, C2</strong>" in page
    assert evaluation.legs.get().clinical_classes == []


def test_physician_saves_and_signs_a_note_with_ceap_and_vcss(physician, physician_client) -> None:
    evaluation = EvaluationFactory(physician=physician)
    for side in "RL":
        LegAssessmentFactory(evaluation=evaluation, side=side)
    data = _note_data(clinical_classes=["C2", "C3"], pain="2", varicose_veins="2", anatomy_superficial="on")
    response = physician_client.post(
        reverse("evaluations:evaluation_edit", args=[evaluation.pk]), {**data, "sign": "", "attest": "yes"}
    )
    assert response.status_code == 302
    evaluation.refresh_from_db()
    right = evaluation.legs.get(side="R")
    assert evaluation.is_signed and evaluation.signed_by == physician and evaluation.signed_at
    assert right.ceap_text == "C3,2,S Ep As Pr"
    assert right.vcss_total == 4


def test_a_vcss_item_outside_0_to_3_is_refused_and_nothing_typed_is_lost(physician, physician_client) -> None:
    evaluation = EvaluationFactory(physician=physician)
    LegAssessmentFactory(evaluation=evaluation, side="R")
    LegAssessmentFactory(evaluation=evaluation, side="L")
    data = _note_data(pain="4")
    data["exam"] = "Bulging GSV in the thigh."
    response = physician_client.post(reverse("evaluations:evaluation_edit", args=[evaluation.pk]), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "VCSS items are scored 0 to 3." in page
    assert "Bulging GSV in the thigh." in page


def test_c0_with_an_active_ulcer_cannot_be_signed(physician, physician_client) -> None:
    evaluation = EvaluationFactory(physician=physician)
    LegAssessmentFactory(evaluation=evaluation, side="R", clinical_classes=["C0"], active_ulcers=1)
    response = physician_client.post(reverse("evaluations:evaluation_sign", args=[evaluation.pk]), follow=True)
    assert "C0 is recorded, but the findings show an ulcer" in response.content.decode()
    evaluation.refresh_from_db()
    assert not evaluation.is_signed


def test_editing_a_signed_note_is_refused_with_a_clear_message(physician_client) -> None:
    evaluation = signed_evaluation(PatientFactory())
    response = physician_client.post(
        reverse("evaluations:evaluation_edit", args=[evaluation.pk]), _note_data(pain="3"), follow=True
    )
    assert "This note is signed and can no longer be edited. Add a dated addendum instead." in response.content.decode()
    assert evaluation.legs.get(side="R").pain == 0


def test_a_signed_note_refuses_changes_even_outside_the_pages() -> None:
    evaluation = signed_evaluation(PatientFactory())
    evaluation.exam = "changed"
    with pytest.raises(SignedNoteLocked):
        evaluation.save()
    leg = LegAssessment.objects.get(evaluation=evaluation, side="R")
    leg.pain = 3
    with pytest.raises(SignedNoteLocked):
        leg.save()


def test_an_addendum_is_dated_and_signed_by_its_author(physician, physician_client) -> None:
    evaluation = signed_evaluation(PatientFactory())
    physician_client.post(reverse("evaluations:addendum_add", args=[evaluation.pk]), {"text": "Called with results."})
    addendum = evaluation.addenda.get()
    assert addendum.author == physician and addendum.created_at
    page = physician_client.get(evaluation.get_absolute_url()).content.decode()
    assert "Called with results." in page


def test_sonographer_cannot_open_a_draft_note(sonographer) -> None:
    evaluation = EvaluationFactory()
    assert client_for(sonographer).get(evaluation.get_absolute_url()).status_code == 404


def test_front_desk_cannot_see_notes(front_desk) -> None:
    evaluation = signed_evaluation(PatientFactory())
    assert client_for(front_desk).get(evaluation.get_absolute_url()).status_code == 403


def test_the_visit_summary_prints_findings_diagram_ceap_vcss_and_plan(physician_client) -> None:
    patient = PatientFactory()
    study = DuplexStudyFactory(patient=patient)
    SegmentFindingFactory(study=study, reflux_ms=800, diameter_mm=Decimal("6"))
    evaluation = signed_evaluation(patient, study=study, legs={"R": {"clinical_classes": ["C2"], "pain": 2}})
    page = physician_client.get(reverse("evaluations:visit_summary", args=[evaluation.pk])).content.decode()
    assert 'data-testid="leg-diagram"' in page
    assert "C2,S En An Pn" in page
    assert "Pathological reflux" in page
    assert "Electronically signed by" in page
