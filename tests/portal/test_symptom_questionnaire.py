"""Patients rate their symptoms (HASTI) on the portal, in English or Spanish: before the
first visit, and when a reminder's link asks for a follow-up; they see only their own."""

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clinic.models import AuditEntry
from intake.models import Occasion, SymptomScore
from intake.services import record_symptom_score
from tests.factories.portal import portal_patient

pytestmark = pytest.mark.django_db

URL = "/portal/symptoms/"
ANSWERS = {"heaviness": "3", "achiness": "2", "swelling": "4", "throbbing": "0", "itching": "1"}


def signed_in(office, **patient) -> tuple[Client, object, object]:
    user, me = portal_patient(office=office, **patient)
    client = Client()
    client.force_login(user)
    return client, user, me


def test_a_patient_sends_the_baseline_questionnaire_and_it_is_recorded_as_theirs(office) -> None:
    client, user, me = signed_in(office)
    page = client.get(URL).content.decode()
    assert "Heaviness: how heavy do your legs feel?" in page and "Before treatment" in page
    response = client.post(URL, {"occasion": "baseline", **ANSWERS}, follow=True)
    assert "Thank you: your answers are with the clinic." in response.content.decode()
    score = SymptomScore.objects.get(patient=me)
    assert (score.occasion, score.source, score.entered_by, score.total) == ("baseline", "patient", user, 10)


def test_the_link_from_a_follow_up_message_names_the_occasion(office) -> None:
    client, _user, me = signed_in(office)
    page = client.get(URL, {"occasion": "six_weeks"}).content.decode()
    assert "6 weeks after a procedure" in page and 'name="occasion" value="six_weeks"' in page
    client.post(URL, {"occasion": "six_weeks", **ANSWERS})
    assert SymptomScore.objects.get(patient=me).occasion == Occasion.SIX_WEEKS


def test_a_made_up_occasion_falls_back_to_the_baseline_then_to_other(office) -> None:
    client, _user, me = signed_in(office)
    client.post(URL, {"occasion": "other-things", **ANSWERS})
    client.post(URL, {**ANSWERS})
    assert list(SymptomScore.objects.filter(patient=me).order_by("pk").values_list("occasion", flat=True)) == [
        "baseline",
        "other",
    ]


def test_a_missing_answer_is_named_and_the_others_are_kept(office) -> None:
    client, _user, me = signed_in(office)
    data = {**ANSWERS}
    del data["swelling"]
    page = client.post(URL, data).content.decode()
    assert "Choose a number from 0 (not at all) to 5 (the worst)." in page
    assert 'name="heaviness" value="3"  id="id_heaviness_3" required checked' in page
    assert not SymptomScore.objects.filter(patient=me).exists()


def test_the_questionnaire_speaks_spanish(office) -> None:
    client, _user, me = signed_in(office, preferred_language="es")
    client.cookies["django_language"] = "es"
    page = client.get(URL).content.decode()
    assert "¿Cómo están sus piernas?" in page
    assert "Pesadez: ¿qué tan pesadas siente las piernas?" in page
    assert "Antes del tratamiento" in page
    errors = client.post(URL, {"occasion": "baseline", "heaviness": "9"}).content.decode()
    assert "Elija un número del 0 (nada) al 5 (lo peor)." in errors
    response = client.post(URL, {"occasion": "baseline", **ANSWERS}, follow=True)
    assert "Gracias: la clínica ya tiene sus respuestas." in response.content.decode()
    assert SymptomScore.objects.filter(patient=me).count() == 1


def test_a_patient_sees_only_their_own_earlier_answers(office) -> None:
    client, user, me = signed_in(office)
    _other_user, other = portal_patient(office=office)
    record_symptom_score(
        patient=me, scores=dict.fromkeys(ANSWERS, 1), occasion="baseline", source="patient", entered_by=user
    )
    record_symptom_score(
        patient=other, scores=dict.fromkeys(ANSWERS, 5), occasion="baseline", source="patient", entered_by=_other_user
    )
    page = client.get(URL).content.decode()
    assert "total 5 of 25" in page and "total 25 of 25" not in page
    mine = SymptomScore.objects.get(patient=me)
    assert AuditEntry.objects.filter(
        object_pk=str(mine.pk), content_type__model="symptomscore", action=AuditEntry.Action.ACCESS, actor=user
    ).exists()


def test_staff_cannot_open_the_patients_questionnaire(front_desk_client) -> None:
    assert front_desk_client.get(URL).status_code == 403


def test_the_home_page_asks_for_the_baseline_until_it_is_in(office) -> None:
    client, user, me = signed_in(office)
    home = client.get("/portal/").content.decode()
    assert 'data-testid="baseline-prompt"' in home and "/portal/symptoms/?occasion=baseline" in home
    client.post(URL, {"occasion": "baseline", **ANSWERS})
    assert 'data-testid="baseline-prompt"' not in client.get("/portal/").content.decode()


def test_sending_the_intake_leads_to_the_baseline_symptom_questions(office) -> None:
    from tests.portal.test_questionnaire import answers

    client, _user, _me = signed_in(office)
    response = client.post("/portal/intake/", answers())
    assert response.status_code == 302 and response["Location"] == "/portal/symptoms/?occasion=baseline"


fuzz = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
answer = st.one_of(st.text(max_size=6), st.integers(-3, 9).map(str))


@fuzz
@given(
    occasion=st.text(max_size=12), heaviness=answer, achiness=answer, swelling=answer, throbbing=answer, itching=answer
)
def test_whatever_is_posted_the_questionnaire_answers_with_a_page(
    office, occasion, heaviness, achiness, swelling, throbbing, itching
) -> None:
    user, me = portal_patient(office=office)
    client = Client(raise_request_exception=False)
    client.force_login(user)
    data = {"occasion": occasion, "heaviness": heaviness, "achiness": achiness}
    data |= {"swelling": swelling, "throbbing": throbbing, "itching": itching}
    response = client.post(URL, {k: v.replace("\x00", "") for k, v in data.items()})
    assert response.status_code in (200, 302)
    for score in SymptomScore.objects.filter(patient=me):
        assert all(0 <= value <= 5 for value in score.scores.values())
        assert score.occasion in Occasion.values
