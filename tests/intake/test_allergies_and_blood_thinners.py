"""Allergies staff record on the chart, blood thinners read from the medication list, both at the top of the chart."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from intake.medications import DrugCatalogue
from intake.models import Allergy, AllergyAgent, DrugClass
from tests.conftest import client_for
from tests.factories import IntakeRecordFactory, PatientFactory
from tests.factories.intake import AllergyFactory
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db


def chart(client, patient) -> str:
    return client.get(reverse("patient_chart", args=[patient.pk])).content.decode()


def thinners(line: str) -> list[tuple[str, str]]:
    return [(m.generic_name, m.antithrombotic) for m in DrugCatalogue.load().blood_thinners([line])]


@pytest.mark.parametrize(
    ("written", "generic", "kind"),
    [
        ("Coumadin 5 mg", "warfarin", "anticoagulant"),
        ("JANTOVEN", "warfarin", "anticoagulant"),
        ("warfarin", "warfarin", "anticoagulant"),
        ("Eliquis 5mg BID", "apixaban", "anticoagulant"),
        ("apixaban", "apixaban", "anticoagulant"),
        ("xarelto 20 mg daily", "rivaroxaban", "anticoagulant"),
        ("Riva roxaban", "rivaroxaban", "anticoagulant"),
        ("Pradaxa 150", "dabigatran", "anticoagulant"),
        ("Savaysa", "edoxaban", "anticoagulant"),
        ("edoxaban 60mg", "edoxaban", "anticoagulant"),
        ("Plavix 75 mg", "clopidogrel", "antiplatelet"),
        ("clopidogrel", "clopidogrel", "antiplatelet"),
        ("Bayer aspirin 81 mg", "aspirin", "antiplatelet"),
        ("baby aspirin", "aspirin", "antiplatelet"),
        ("Ecotrin", "aspirin", "antiplatelet"),
        ("ASA 81", "aspirin", "antiplatelet"),
    ],
)
def test_blood_thinners_match_by_brand_and_generic_whatever_the_case_and_spacing(written, generic, kind) -> None:
    assert thinners(written) == [(generic, kind)]


def test_a_blood_thinner_is_not_offered_as_a_cause_of_cramps(physician_client) -> None:
    record = IntakeRecordFactory(medications="Eliquis 5 mg\nLipitor 20 mg")
    response = physician_client.get(reverse("patient_chart", args=[record.patient_id]))
    medications = [line.text for line in response.context["summary"].medications]
    assert medications == ["Possible medication-related cramps: Lipitor is atorvastatin, a statin"]


def test_an_admin_marks_a_new_class_as_a_blood_thinner_and_the_chart_sees_it() -> None:
    made = DrugClass.objects.create(name="anticoagulant (test)", antithrombotic="anticoagulant")
    made.names.create(name="Novaclot", generic_name="novaclotaban", is_brand=True)
    assert thinners("NOVA CLOT 10 mg") == [("novaclotaban", "anticoagulant")]


def test_the_chart_opens_with_allergies_blood_thinners_and_pregnancy(physician_client) -> None:
    patient = PatientFactory()
    AllergyFactory(patient=patient, agent=AllergyAgent.POLIDOCANOL, severity="severe", reaction="anaphylaxis")
    IntakeRecordFactory(patient=patient, medications="Xarelto 20 mg", pregnancy="unsure")
    page = chart(physician_client, patient)
    strip = page.split('data-testid="alert-strip"')[1].split("</section>")[0]
    assert page.index('data-testid="alert-strip"') < page.index('data-testid="cramp-summary"')
    assert "Polidocanol (Varithena, Asclera) · severe (anaphylaxis) · anaphylaxis" in strip
    assert "Xarelto (rivaroxaban) · anticoagulant" in strip
    assert "May be pregnant" in strip


def test_the_chart_says_when_nothing_is_recorded(physician_client) -> None:
    page = chart(physician_client, PatientFactory())
    assert "none recorded" in page and "no intake answers yet" in page


def test_the_chart_makes_as_many_queries_for_one_allergy_as_for_all(physician_client) -> None:
    patient = PatientFactory()
    IntakeRecordFactory(patient=patient, medications="Plavix")
    AllergyFactory(patient=patient)
    chart(physician_client, patient)
    one = count_queries(lambda: chart(physician_client, patient))
    for agent in ("polidocanol", "cyanoacrylate", "lidocaine", "adhesive", "iodine"):
        AllergyFactory(patient=patient, agent=agent)
    AllergyFactory(patient=patient, agent="other", other_name="Chlorhexidine")
    IntakeRecordFactory(patient=patient, medications="Plavix\nEliquis\nBayer")
    assert count_queries(lambda: chart(physician_client, patient)) == one


def test_staff_record_an_allergy_with_who_and_when(front_desk) -> None:
    patient = PatientFactory()
    client = client_for(front_desk)
    data = {"agent": "other", "other_name": "  chlor hexidine ", "reaction": "rash", "severity": "mild"}
    response = client.post(reverse("allergy_add", args=[patient.pk]), data)
    assert response.status_code == 302
    allergy = Allergy.objects.get(patient=patient)
    assert (allergy.agent_name, allergy.recorded_by, allergy.reaction) == ("chlor hexidine", front_desk, "rash")


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"agent": "other", "severity": "mild"}, "other_name", "Name the agent"),
        ({"agent": "latex", "other_name": "gloves", "severity": "mild"}, "other_name", "Only an 'Other' allergy"),
        ({"agent": "lidocaine", "severity": "mild"}, "agent", "already on the chart"),
        ({"agent": "other", "other_name": "SULFA", "severity": "mild"}, "agent", "already on the chart"),
    ],
)
def test_an_allergy_form_mistake_is_named_next_to_its_field(physician, data, field, message) -> None:
    patient = PatientFactory()
    AllergyFactory(patient=patient, agent="lidocaine")
    AllergyFactory(patient=patient, agent="other", other_name="sulfa")
    response = client_for(physician).post(reverse("allergy_add", args=[patient.pk]), data)
    assert response.status_code == 400
    assert any(message in error for error in response.context["form"].errors[field])
    assert Allergy.objects.filter(patient=patient).count() == 2


@pytest.mark.parametrize(
    "values",
    [
        {"agent": "other", "other_name": ""},
        {"agent": "latex", "other_name": "gloves"},
        {"agent": "unknown-agent"},
        {"agent": "latex", "severity": "extreme"},
    ],
)
def test_the_database_refuses_an_allergy_that_makes_no_sense(values) -> None:
    patient = PatientFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        AllergyFactory(patient=patient, **values)


def test_the_database_keeps_one_row_per_agent_per_patient() -> None:
    patient = PatientFactory()
    AllergyFactory(patient=patient, agent="latex")
    AllergyFactory(patient=patient, agent="other", other_name="Sulfa")
    with pytest.raises(IntegrityError), transaction.atomic():
        AllergyFactory(patient=patient, agent="latex")
    with pytest.raises(IntegrityError), transaction.atomic():
        AllergyFactory(patient=patient, agent="other", other_name="sulfa")
    AllergyFactory(patient=PatientFactory(), agent="latex")


def test_only_a_physician_takes_an_allergy_off_the_chart(front_desk, physician) -> None:
    allergy = AllergyFactory()
    url = reverse("allergy_remove", args=[allergy.patient_id, allergy.pk])
    assert client_for(front_desk).post(url).status_code == 403
    assert "remove</button>" not in chart(client_for(front_desk), allergy.patient)
    assert client_for(physician).post(url).status_code == 302
    assert not Allergy.objects.exists()
