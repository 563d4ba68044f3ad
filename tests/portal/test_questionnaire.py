"""The pre-visit questionnaire: the staff's form, saved as the patient goes, marked as theirs."""

import pytest

from intake.models import IntakeDraft, IntakeRecord
from intake.models.answers import SIDED_FIELDS
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def answers(**overrides: str) -> dict:
    data = {
        "pregnancy": "no",
        "smoking": "never",
        "compression_use": "never",
        **dict.fromkeys(SIDED_FIELDS, "none"),
        "medications": "Lipitor 20 mg",
    }
    data.update(overrides)
    return data


def test_sending_the_questionnaire_records_it_as_entered_by_the_patient(my_client, me) -> None:
    response = my_client.post("/portal/intake/", answers(swelling="left"))
    # Without a symptom score yet, the baseline symptom questions come next (clinic policy).
    assert response["Location"] == "/portal/symptoms/?occasion=baseline"
    record = IntakeRecord.objects.get(patient=me[1])
    assert record.source == IntakeRecord.Source.PATIENT
    assert record.entered_by == me[0]
    assert record.swelling == "left"


def test_a_patient_who_rated_their_symptoms_goes_home_after_the_intake(my_client, me) -> None:
    from intake.services import record_symptom_score

    scores = {"heaviness": 1, "achiness": 1, "swelling": 1, "throbbing": 1, "itching": 1}
    record_symptom_score(patient=me[1], scores=scores, occasion="baseline", source="patient", entered_by=me[0])
    assert my_client.post("/portal/intake/", answers())["Location"] == "/portal/"


def test_staff_see_completed_by_the_patient_on_the_chart(my_client, me, front_desk) -> None:
    my_client.post("/portal/intake/", answers())
    chart = client_for(front_desk).get(me[1].get_absolute_url()).content.decode()
    assert "Questionnaire completed by the patient on" in chart


def test_answers_are_saved_as_the_patient_goes_and_come_back(my_client, me) -> None:
    response = my_client.post("/portal/intake/autosave/", {"medications": "Lasix 40 mg", "swelling": "right"})
    assert "Saved at" in response.content.decode()
    assert IntakeDraft.objects.get(patient=me[1]).answers["medications"] == ["Lasix 40 mg"]
    page = my_client.get("/portal/intake/").content.decode()
    assert "Lasix 40 mg" in page


def test_finish_later_keeps_the_draft_without_checking_it(my_client, me) -> None:
    my_client.post("/portal/intake/", {"later": "1", "medications": "Naproxen"})
    assert not IntakeRecord.objects.filter(patient=me[1]).exists()
    assert IntakeDraft.objects.filter(patient=me[1]).exists()


def test_a_mistake_keeps_everything_typed_and_sending_clears_the_draft(my_client, me) -> None:
    response = my_client.post("/portal/intake/", answers(pregnancy_weeks="12"))
    assert response.status_code == 200
    assert "Lipitor 20 mg" in response.content.decode()
    assert IntakeDraft.objects.filter(patient=me[1]).exists()
    my_client.post("/portal/intake/", answers())
    assert not IntakeDraft.objects.filter(patient=me[1]).exists()


def test_the_draft_stores_only_questionnaire_fields(my_client, me) -> None:
    my_client.post("/portal/intake/autosave/", {"medications": "x", "patient": "999", "source": "staff"})
    assert set(IntakeDraft.objects.get(patient=me[1]).answers) == {"medications"}


def test_a_stray_nul_character_in_a_draft_is_dropped_not_a_server_error(my_client, me) -> None:
    response = my_client.post("/portal/intake/autosave/", {"medications": "Lasix\x00 40 mg"})
    assert response.status_code == 200
    assert IntakeDraft.objects.get(patient=me[1]).answers["medications"] == ["Lasix 40 mg"]
