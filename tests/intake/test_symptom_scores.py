"""The HASTI symptom score: five items 0-5 summed to 0-25, kept by the database, never
rewritten; the desk records the patient's answers on their behalf; reads are audited."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from clinic.models import AuditEntry
from intake.models import Occasion, Patient, SymptomScore
from intake.models.symptoms import ITEMS, TOTAL_MAX, SymptomScoreImmutable, total
from intake.services import record_symptom_score
from tests.conftest import client_for
from tests.factories import PatientFactory

pytestmark = pytest.mark.django_db

SCORES = {"heaviness": 4, "achiness": 3, "swelling": 2, "throbbing": 1, "itching": 0}


def a_score(patient=None, by=None, **changes) -> SymptomScore:
    patient = patient or PatientFactory()
    return record_symptom_score(
        patient=patient,
        scores={**SCORES, **changes},
        occasion=Occasion.BASELINE,
        source=SymptomScore.Source.PATIENT,
        entered_by=by or _user(),
    )


def _user():
    from tests.factories.clinic import UserFactory

    return UserFactory()


def test_the_total_is_the_sum_of_the_five_items_from_0_to_25() -> None:
    assert total(SCORES) == 10
    assert total(dict.fromkeys(ITEMS, 5)) == TOTAL_MAX == 25
    assert total(dict.fromkeys(ITEMS, 0)) == 0
    assert a_score().total == 10


@pytest.mark.parametrize("item", ITEMS)
@pytest.mark.parametrize("value", [6, 9, -1])
def test_the_database_refuses_an_item_outside_0_to_5(item: str, value: int) -> None:
    patient, user = PatientFactory(), _user()
    with pytest.raises(IntegrityError), transaction.atomic():
        SymptomScore.objects.create(
            patient=patient,
            occasion=Occasion.BASELINE,
            source="patient",
            entered_by=user,
            **{**SCORES, item: value},
        )


def test_the_database_refuses_an_unknown_occasion_or_source() -> None:
    patient, user = PatientFactory(), _user()
    for bad in ({"occasion": "someday", "source": "patient"}, {"occasion": "baseline", "source": "nurse"}):
        with pytest.raises(IntegrityError), transaction.atomic():
            SymptomScore.objects.create(patient=patient, entered_by=user, **SCORES, **bad)


def test_a_score_is_never_rewritten() -> None:
    score = a_score()
    score.heaviness = 0
    with pytest.raises(SymptomScoreImmutable):
        score.save()


def test_creating_a_score_is_in_the_audit_trail() -> None:
    score = a_score()
    entries = AuditEntry.objects.filter(object_pk=str(score.pk), content_type__model="symptomscore")
    assert [e.action for e in entries] == [AuditEntry.Action.CREATE]


def test_the_desk_records_the_patients_answers_as_entered_on_their_behalf(front_desk) -> None:
    patient = PatientFactory()
    client = client_for(front_desk)
    page = client.get(reverse("symptom_score_create", args=[patient.pk])).content.decode()
    assert "on the patient&#x27;s behalf" in page or "on the patient's behalf" in page
    response = client.post(
        reverse("symptom_score_create", args=[patient.pk]), {"occasion": "baseline", **SCORES}, follow=True
    )
    score = SymptomScore.objects.get(patient=patient)
    assert (score.source, score.entered_by, score.on_behalf, score.total) == ("staff", front_desk, True, 10)
    chart = response.content.decode()
    assert "Symptom score recorded, as entered on the patient" in chart
    assert "for the patient" in chart and "<strong>10</strong>" in chart


def test_the_desk_form_keeps_every_answer_and_names_the_missing_one(front_desk) -> None:
    patient = PatientFactory()
    data = {"occasion": "six_weeks", **SCORES}
    del data["itching"]
    page = client_for(front_desk).post(reverse("symptom_score_create", args=[patient.pk]), data).content.decode()
    assert "Choose a number from 0 (not at all) to 5 (the worst)." in page
    assert 'name="heaviness" value="4"  id="id_heaviness_4" required checked' in page
    assert not SymptomScore.objects.exists()


def test_the_desk_form_starts_at_the_baseline_then_at_other(front_desk) -> None:
    patient = PatientFactory()
    url = reverse("symptom_score_create", args=[patient.pk])
    assert client_for(front_desk).get(url).context["form"]["occasion"].value() == "baseline"
    a_score(patient=patient)
    assert client_for(front_desk).get(url).context["form"]["occasion"].value() == "other"


def test_a_sonographer_reads_scores_on_the_chart_but_cannot_record_one(sonographer) -> None:
    patient = PatientFactory()
    a_score(patient=patient)
    client = client_for(sonographer)
    assert client.get(reverse("symptom_score_create", args=[patient.pk])).status_code == 403
    chart = client.get(reverse("patient_chart", args=[patient.pk])).content.decode()
    assert 'data-testid="symptom-scores"' in chart and "Record symptom score" not in chart


def test_showing_scores_on_the_chart_is_recorded_as_access(front_desk) -> None:
    patient = PatientFactory()
    score = a_score(patient=patient)
    client_for(front_desk).get(reverse("patient_chart", args=[patient.pk]))
    access = AuditEntry.objects.filter(
        object_pk=str(score.pk), content_type__model="symptomscore", action=AuditEntry.Action.ACCESS
    )
    assert access.filter(actor=front_desk).exists()


def test_a_patient_sees_only_their_own_scores(patient_user) -> None:
    mine = a_score(patient=Patient.objects.get(user=patient_user))
    a_score()
    assert list(SymptomScore.objects.visible_to(patient_user)) == [mine]
