"""The CEAP 2020 C4 signs a patient can see are asked per leg, make triage "priority" and feed the CEAP suggestion."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from evaluations.rules import ceap
from intake.models import IntakeRecord, ScreeningSubmission
from intake.models.answers import SYMPTOM_FIELDS
from intake.triage import TriageLevel, triage
from tests.factories import PatientFactory
from tests.factories.evaluations import EvaluationFactory, LegAssessmentFactory
from tests.factories.intake import IntakeRecordFactory
from tests.factories.portal import portal_patient
from tests.intake.answers import screening_post
from tests.intake.test_intake_records import intake_post
from tests.portal.test_questionnaire import answers

C4_SIGNS = {"skin_eczema": "C4a", "skin_hardening": "C4b", "ankle_vein_fan": "C4c"}
LEGS = ("left", "right", "both")
SPANISH = {
    "skin_hardening": "Piel dura, tirante o engrosada cerca del tobillo",
    "skin_eczema": "Piel con picazón, enrojecida, escamosa o que supura cerca del tobillo (eccema)",
    "ankle_vein_fan": "Un abanico de muchas venitas en la parte interna o externa del tobillo",
}


def test_the_new_signs_are_asked_with_the_other_symptoms_right_after_discoloration() -> None:
    at = SYMPTOM_FIELDS.index("skin_discoloration")
    assert SYMPTOM_FIELDS[at + 1 : at + 4] == ("skin_hardening", "skin_eczema", "ankle_vein_fan")


@pytest.mark.parametrize("leg", LEGS)
@pytest.mark.parametrize("sign", C4_SIGNS)
def test_each_sign_on_either_leg_makes_the_screening_priority_like_discoloration(sign: str, leg: str) -> None:
    result = triage(ScreeningSubmission(**{sign: leg}))
    assert result.level == TriageLevel.PRIORITY
    (finding,) = result.findings
    assert finding.code == "skin_changes"
    assert finding.source.startswith("CEAP 2020 (Lurie et al.)")
    assert finding.answers == (ScreeningSubmission(**{sign: leg}).answer_text(sign),)


def test_discoloration_still_makes_the_screening_priority() -> None:
    assert triage(ScreeningSubmission(skin_discoloration="left")).level == TriageLevel.PRIORITY


def test_several_signs_are_one_finding_naming_each_answer() -> None:
    (finding,) = triage(ScreeningSubmission(skin_hardening="left", ankle_vein_fan="right")).findings
    assert len(finding.answers) == 2


@pytest.mark.parametrize("sign,c_class", C4_SIGNS.items())
def test_each_sign_the_patient_reported_suggests_its_c4_class(sign: str, c_class: str) -> None:
    assert ceap.suggest_classes(ceap.ClinicalSigns(reported=frozenset({sign}))) == [c_class]


def test_discoloration_suggests_c4a() -> None:
    assert ceap.suggest_classes(ceap.ClinicalSigns(reported=frozenset({"skin_discoloration"}))) == ["C4a"]


def test_reported_signs_add_to_what_the_exam_found() -> None:
    signs = ceap.ClinicalSigns(vcss={"varicose_veins": 2}, reported=frozenset({"ankle_vein_fan", "skin_hardening"}))
    assert ceap.suggest_classes(signs) == ["C4c", "C4b", "C2"]


@pytest.mark.django_db
@pytest.mark.parametrize("leg", ("left", "right"))
@pytest.mark.parametrize("sign,c_class", C4_SIGNS.items())
def test_the_evaluation_form_suggests_the_class_on_the_leg_the_patient_named(
    physician, physician_client, sign: str, c_class: str, leg: str
) -> None:
    evaluation = EvaluationFactory(physician=physician)
    for side in ("R", "L"):
        LegAssessmentFactory(evaluation=evaluation, side=side, clinical_classes=[])
    IntakeRecordFactory(patient=evaluation.patient, **{sign: leg})
    response = physician_client.get(reverse("evaluations:evaluation_edit", args=[evaluation.pk]))
    suggested = {leg_row.side: classes for leg_row, _form, classes in response.context["legs"]}
    named, other = ("L", "R") if leg == "left" else ("R", "L")
    assert suggested[named] == [c_class]
    assert suggested[other] == []


@pytest.mark.django_db
@pytest.mark.parametrize("sign", C4_SIGNS)
def test_the_public_screening_stores_each_sign_per_leg(client, sign: str) -> None:
    response = client.post(reverse("screening_form"), screening_post(**{sign: "right"}))
    assert response.status_code == 302
    submission = ScreeningSubmission.objects.get()
    assert getattr(submission, sign) == "right"
    assert submission.triage_level == TriageLevel.PRIORITY


@pytest.mark.django_db
def test_the_screening_form_needs_an_answer_for_each_sign(client) -> None:
    data = screening_post()
    del data["skin_hardening"]
    response = client.post(reverse("screening_form"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["skin_hardening"]
    assert not ScreeningSubmission.objects.exists()


@pytest.mark.django_db
def test_the_screening_form_asks_the_signs_in_plain_spanish() -> None:
    page = Client(HTTP_ACCEPT_LANGUAGE="es").get(reverse("screening_form")).content.decode()
    for text in SPANISH.values():
        assert text in page


def test_every_new_question_has_a_spanish_translation() -> None:
    with translation.override("es"):
        for sign, text in SPANISH.items():
            assert str(ScreeningSubmission._meta.get_field(sign).verbose_name) == text


@pytest.mark.django_db
def test_the_staff_questionnaire_stores_the_signs_and_the_chart_shows_them(front_desk_client) -> None:
    patient = PatientFactory()

    data = intake_post(skin_hardening="left", skin_eczema="both", ankle_vein_fan="right")
    response = front_desk_client.post(reverse("intake_record_create", args=[patient.pk]), data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    record = IntakeRecord.objects.get(patient=patient)
    assert (record.skin_hardening, record.skin_eczema, record.ankle_vein_fan) == ("left", "both", "right")
    chart = front_desk_client.get(patient.get_absolute_url()).content.decode()
    assert "Hard, tight or thickened skin near the ankle" in chart
    assert "A fan of many small veins at the inner or outer ankle" in chart


@pytest.mark.django_db
def test_the_portal_questionnaire_stores_the_signs(office) -> None:
    user, patient = portal_patient(office=office)
    client = Client()
    client.force_login(user)
    response = client.post("/portal/intake/", answers(skin_eczema="left", ankle_vein_fan="both"))
    assert response.status_code == 302  # on to the next step: the symptom score, or home
    record = IntakeRecord.objects.get(patient=patient)
    assert (record.skin_eczema, record.ankle_vein_fan, record.skin_hardening) == ("left", "both", "none")
