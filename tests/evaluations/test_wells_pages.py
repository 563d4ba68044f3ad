"""Entering a Wells score: pre-filled from intake, who may enter it, where the result shows."""

import pytest
from django.urls import reverse

from clinic.models import AuditEntry
from evaluations.models import WellsAssessment
from intake.models import Condition
from tests.conftest import client_for
from tests.factories import PatientFactory
from tests.factories.evaluations import EvaluationFactory, LegAssessmentFactory, WellsAssessmentFactory
from tests.factories.intake import IntakeRecordFactory

pytestmark = pytest.mark.django_db


def new_url(patient, side: str = "") -> str:
    return reverse("evaluations:wells_new", args=[patient.pk]) + (f"?side={side}" if side else "")


def test_a_past_dvt_and_one_swollen_leg_come_pre_ticked_and_say_so(physician_client) -> None:
    patient = PatientFactory()
    IntakeRecordFactory(patient=patient, swelling="left", conditions=[Condition.PREVIOUS_DVT])
    response = physician_client.get(new_url(patient))
    form = response.context["form"]
    assert response.context["side"] == "L"  # the one swollen leg is offered first
    assert form.initial["previous_dvt"] is True
    assert form.initial["entire_leg_swollen"] is True
    assert "calf_swelling_3cm" not in form.initial
    page = response.content.decode()
    assert "Pre-filled from the patient&#x27;s answers" in page or "Pre-filled from the patient's answers" in page
    assert "past blood clot in a leg (DVT)" in page
    assert "only this leg is swollen" in page


def test_the_other_leg_gets_only_the_past_dvt(physician_client) -> None:
    patient = PatientFactory()
    IntakeRecordFactory(patient=patient, swelling="left", conditions=[Condition.PREVIOUS_DVT])
    form = physician_client.get(new_url(patient, "R")).context["form"]
    assert form.initial.get("previous_dvt") is True
    assert "entire_leg_swollen" not in form.initial


def test_sudden_swelling_of_both_legs_pre_ticks_entire_leg_swollen(physician_client) -> None:
    patient = PatientFactory()
    IntakeRecordFactory(patient=patient, swelling="both", swelling_sudden=True)
    form = physician_client.get(new_url(patient, "R")).context["form"]
    assert form.initial.get("entire_leg_swollen") is True
    assert "started suddenly" in form.hints["entire_leg_swollen"]


def test_without_intake_answers_nothing_is_pre_ticked(physician_client) -> None:
    response = physician_client.get(new_url(PatientFactory()))
    assert response.context["hints"] == {}
    assert b"Pre-filled" not in response.content


def test_a_physician_enters_a_likely_score_and_sees_each_item_on_the_vein_record(physician, physician_client) -> None:
    patient = PatientFactory()
    IntakeRecordFactory(patient=patient, swelling="left", conditions=[Condition.PREVIOUS_DVT])
    response = physician_client.post(
        new_url(patient), {"side": "L", "entire_leg_swollen": "on", "previous_dvt": "on", "pitting_edema": "on"}
    )
    assessment = WellsAssessment.objects.get()
    assert response["Location"] == assessment.get_absolute_url()
    assert (assessment.score, assessment.side, assessment.entered_by) == (3, "L", physician)
    assert assessment.prefilled == ["entire_leg_swollen", "previous_dvt"]
    overview = physician_client.get(reverse("evaluations:patient_overview", args=[patient.pk])).content.decode()
    assert "Wells 3" in overview
    assert "DVT likely" in overview
    assert "Pitting oedema confined to the symptomatic leg" in overview
    assert "from intake" in overview


def test_a_sonographer_may_enter_a_score(sonographer, sonographer_client) -> None:
    patient = PatientFactory()
    response = sonographer_client.post(new_url(patient), {"side": "R", "alternative_diagnosis": "on"})
    assert response.status_code == 302
    assessment = WellsAssessment.objects.get()
    assert (assessment.score, assessment.verdict, assessment.entered_by) == (-2, "DVT unlikely", sonographer)


def test_the_front_desk_cannot_enter_or_read_a_score(front_desk_client) -> None:
    patient = PatientFactory()
    assert front_desk_client.get(new_url(patient)).status_code == 403
    assert front_desk_client.post(new_url(patient), {"side": "R", "previous_dvt": "on"}).status_code == 403
    assert not WellsAssessment.objects.exists()
    other = WellsAssessmentFactory()
    assert front_desk_client.get(other.get_absolute_url()).status_code == 403


def test_entering_again_the_same_day_corrects_and_keeps_the_first(physician_client) -> None:
    patient = PatientFactory()
    physician_client.post(new_url(patient), {"side": "R", "entire_leg_swollen": "on", "previous_dvt": "on"})
    again = physician_client.get(new_url(patient, "R"))
    assert again.context["earlier"] is not None
    assert again.context["form"].initial["previous_dvt"] is True  # the correction starts from what counts now
    physician_client.post(new_url(patient), {"side": "R", "entire_leg_swollen": "on"})
    first, second = WellsAssessment.objects.order_by("pk")
    assert second.corrects == first
    overview = physician_client.get(reverse("evaluations:patient_overview", args=[patient.pk])).content.decode()
    assert "Wells 1<" in overview and "Wells 2<" not in overview
    detail = physician_client.get(first.get_absolute_url()).content.decode()
    assert "A later entry corrects this one" in detail


def test_a_bad_leg_is_a_form_error_not_a_500(physician_client) -> None:
    response = physician_client.post(new_url(PatientFactory()), {"side": "X", "previous_dvt": "on"})
    assert response.status_code == 200
    assert response.context["form"].errors["side"]
    assert "Choose the leg you assessed" in response.content.decode()
    assert not WellsAssessment.objects.exists()


def test_the_evaluation_note_shows_the_visits_wells_score(physician, physician_client) -> None:
    assessment = WellsAssessmentFactory(entire_leg_swollen=True, calf_swelling_3cm=True, side="L")
    evaluation = EvaluationFactory(patient=assessment.patient, physician=physician, visit_date=assessment.visit_date)
    LegAssessmentFactory(evaluation=evaluation, side="L")
    page = physician_client.get(evaluation.get_absolute_url()).content.decode()
    assert "Wells DVT score, this visit" in page
    assert "Wells 2" in page and "DVT likely" in page
    assert "Calf swelling at least 3 cm" in page


def test_viewing_and_entering_a_score_is_audited(physician, physician_client) -> None:
    patient = PatientFactory()
    physician_client.post(new_url(patient), {"side": "R", "previous_dvt": "on"})
    assessment = WellsAssessment.objects.get()
    created = AuditEntry.objects.filter(
        content_type__model="wellsassessment", object_pk=str(assessment.pk), action=AuditEntry.Action.CREATE
    )
    assert created.get().actor == physician
    physician_client.get(assessment.get_absolute_url())
    assert AuditEntry.objects.filter(
        content_type__model="wellsassessment", object_pk=str(assessment.pk), action=AuditEntry.Action.ACCESS
    ).exists()


def test_a_patient_in_the_portal_cannot_open_a_score(patient_user) -> None:
    assessment = WellsAssessmentFactory()
    assert client_for(patient_user).get(assessment.get_absolute_url()).status_code in (302, 403)
