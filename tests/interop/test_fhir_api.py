"""The read-only FHIR API: tokens, scopes, refusals as OperationOutcomes, search, paging, audit."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from clinic.models import AuditEntry
from intake.models import Patient
from interop import services
from interop.fhir import registry
from tests.factories import OfficeFactory, PatientFactory
from tests.factories.scheduling import AppointmentFactory
from tests.interop.conftest import bearer, full_record, issue

pytestmark = pytest.mark.django_db


def _outcome(response, status: int, code: str) -> None:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/fhir+json"
    body = response.json()
    assert body["resourceType"] == "OperationOutcome"
    assert body["issue"][0]["code"] == code


def test_the_capability_statement_lists_every_type_and_its_search_parameters(client) -> None:
    response = client.get("/fhir/metadata")
    assert response.status_code == 200
    statement = response.json()
    assert statement["resourceType"] == "CapabilityStatement"
    assert statement["fhirVersion"] == "4.3.0"
    resources = {r["type"]: r for r in statement["rest"][0]["resource"]}
    assert set(resources) == set(registry.resource_types())
    params = {p["name"] for p in resources["Observation"]["searchParam"]}
    assert params == {"_id", "identifier", "patient", "date"}
    assert {p["name"] for p in resources["Patient"]["searchParam"]} == {"_id", "identifier", "birthdate"}
    assert {p["name"] for p in resources["Location"]["searchParam"]} == {"_id", "identifier"}
    assert resources["Patient"]["operation"][0]["name"] == "everything"


def test_an_issued_token_reads_and_only_its_hash_is_stored(clinic_admin, record) -> None:
    client, token = issue(clinic_admin, all_offices=True)
    assert token not in client.token_hash and len(client.token_hash) == 64
    response = bearer(token).get(f"/fhir/Patient/patient-{record['patient'].pk}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/fhir+json"
    assert response.json()["birthDate"] == record["patient"].date_of_birth.isoformat()


def test_a_missing_wrong_or_revoked_token_answers_401(clinic_admin, client, record) -> None:
    url = f"/fhir/Patient/patient-{record['patient'].pk}"
    _outcome(client.get(url), 401, "login")
    _outcome(bearer("vf_not-a-token").get(url), 401, "login")
    api_client, token = issue(clinic_admin, all_offices=True)
    assert bearer(token).get(url).status_code == 200
    services.revoke_client(client=api_client, by=clinic_admin)
    response = bearer(token).get(url)
    _outcome(response, 401, "login")
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_type_outside_the_tokens_scope_answers_403(clinic_admin, record) -> None:
    _client, token = issue(clinic_admin, types=["Patient"], all_offices=True)
    _outcome(bearer(token).get("/fhir/Observation"), 403, "forbidden")
    assert bearer(token).get("/fhir/Patient").status_code == 200


def test_a_patient_outside_the_clients_offices_answers_404(clinic_admin, record) -> None:
    elsewhere = OfficeFactory()
    _client, token = issue(clinic_admin, offices=[elsewhere])
    patient = record["patient"]
    _outcome(bearer(token).get(f"/fhir/Patient/patient-{patient.pk}"), 404, "not-found")
    _outcome(bearer(token).get(f"/fhir/Patient/patient-{patient.pk}/$everything"), 404, "not-found")
    assert bearer(token).get(f"/fhir/Observation?patient=Patient/patient-{patient.pk}").json()["total"] == 0
    # A visit at the client's office brings the patient into its scope.
    later = record["appointments"][1].start + datetime.timedelta(days=7)
    AppointmentFactory(patient=patient, office=elsewhere, start=later, end=later + datetime.timedelta(minutes=45))
    assert bearer(token).get(f"/fhir/Patient/patient-{patient.pk}").status_code == 200


def test_an_unknown_type_or_search_parameter_answers_400(clinic_admin, record) -> None:
    _client, token = issue(clinic_admin, all_offices=True)
    _outcome(bearer(token).get("/fhir/Medication"), 400, "not-supported")
    _outcome(bearer(token).get("/fhir/Medication/med-1"), 400, "not-supported")
    _outcome(bearer(token).get("/fhir/Observation?colour=blue"), 400, "invalid")
    _outcome(bearer(token).get("/fhir/Observation?date=last-tuesday"), 400, "invalid")
    _outcome(bearer(token).get("/fhir/Observation?patient=Desmond"), 400, "invalid")
    _outcome(bearer(token).get("/fhir/Observation?_count=many"), 400, "invalid")


def test_every_read_is_audited_with_the_client_as_actor(clinic_admin, record) -> None:
    api_client, token = issue(clinic_admin, all_offices=True)
    patient = record["patient"]
    before = AuditEntry.objects.count()
    bearer(token).get(f"/fhir/Patient/patient-{patient.pk}")
    entry = AuditEntry.objects.order_by("-pk").first()
    assert AuditEntry.objects.count() == before + 1
    assert (entry.actor_id, entry.object_pk, entry.action) == (
        api_client.user_id,
        str(patient.pk),
        AuditEntry.Action.ACCESS,
    )
    bearer(token).get(f"/fhir/Observation?patient=patient-{patient.pk}")
    findings = AuditEntry.objects.filter(pk__gt=entry.pk, actor=api_client.user)
    # One entry per record read: each finding, each leg (its VCSS), the current Wells score, the symptom score.
    assert findings.count() == record["study"].findings.count() + record["note"].legs.count() + 2
    assert str(record["wells"]) in {e.object_repr for e in findings}
    bearer(token).get(f"/fhir/Patient/patient-{patient.pk}/$everything")
    assert AuditEntry.objects.filter(actor=api_client.user, object_pk=str(patient.pk)).count() >= 2


def test_search_by_identifier(clinic_admin, record) -> None:
    _client, token = issue(clinic_admin, all_offices=True)
    patient, physician = record["patient"], record["physician"]
    found = bearer(token).get(f"/fhir/Patient?identifier=urn:veinflow:patient|{patient.pk}").json()
    assert [e["resource"]["id"] for e in found["entry"]] == [f"patient-{patient.pk}"]
    npi = physician.staff_profile.npi
    found = bearer(token).get(f"/fhir/Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|{npi}").json()
    assert [e["resource"]["id"] for e in found["entry"]] == [f"practitioner-{physician.pk}"]
    member = bearer(token).get("/fhir/Coverage?identifier=W123456789").json()
    assert member["total"] == 1
    assert bearer(token).get("/fhir/Patient?identifier=urn:veinflow:patient|999999").json()["total"] == 0


def test_each_line_of_a_medication_list_reads_and_searches_by_its_own_id(clinic_admin, record) -> None:
    _client, token = issue(clinic_admin, all_offices=True)
    intake = record["intake"]
    second = bearer(token).get(f"/fhir/MedicationStatement/medication-{intake.pk}.2")
    assert second.status_code == 200
    assert second.json()["medicationCodeableConcept"]["text"] == "Lipitor 20 mg"
    for missing in (
        f"medication-{intake.pk}.4",
        f"medication-{intake.pk}.0",
        f"medication-{intake.pk}",
        "medication-x",
    ):
        _outcome(bearer(token).get(f"/fhir/MedicationStatement/{missing}"), 404, "not-found")
    _outcome(
        bearer(token).get(f"/fhir/MedicationStatement/medication-{record['earlier_intake'].pk}.1"), 404, "not-found"
    )
    by_id = bearer(token).get(f"/fhir/MedicationStatement?_id=medication-{intake.pk}.3").json()
    assert [e["resource"]["id"] for e in by_id["entry"]] == [f"medication-{intake.pk}.3"]
    by_identifier = bearer(token).get(f"/fhir/MedicationStatement?identifier=urn:veinflow:medication|{intake.pk}.1")
    assert [e["resource"]["id"] for e in by_identifier.json()["entry"]] == [f"medication-{intake.pk}.1"]
    paged = bearer(token).get("/fhir/MedicationStatement?_count=2&_offset=2").json()
    assert paged["total"] == 3
    assert [e["resource"]["id"] for e in paged["entry"]] == [f"medication-{intake.pk}.3"]


def test_a_medication_statement_read_is_audited_as_a_read_of_the_intake_answers(clinic_admin, record) -> None:
    api_client, token = issue(clinic_admin, all_offices=True)
    intake = record["intake"]
    bearer(token).get(f"/fhir/MedicationStatement/medication-{intake.pk}.1")
    entry = AuditEntry.objects.filter(actor=api_client.user).get()
    assert (entry.object_pk, entry.object_repr) == (str(intake.pk), str(intake))


def test_search_by_date(clinic_admin, record) -> None:
    _client, token = issue(clinic_admin, all_offices=True)
    done, upcoming = record["appointments"]
    day = done.start.astimezone(done.office.zone).date()
    found = bearer(token).get(f"/fhir/Appointment?date={day.isoformat()}").json()
    assert [e["resource"]["id"] for e in found["entry"]] == [f"appointment-{done.pk}"]
    later = bearer(token).get(f"/fhir/Appointment?date=gt{day.isoformat()}").json()
    assert [e["resource"]["id"] for e in later["entry"]] == [f"appointment-{upcoming.pk}"]
    window = bearer(token).get(f"/fhir/Appointment?date=ge{day.isoformat()}&date=lt{day + datetime.timedelta(days=30)}")
    assert window.json()["total"] == 2
    born = record["patient"].date_of_birth
    assert bearer(token).get(f"/fhir/Patient?birthdate={born.isoformat()}").json()["total"] == 1
    assert bearer(token).get(f"/fhir/Patient?birthdate={born.year - 1}").json()["total"] == 0


def test_search_by_patient(clinic_admin, record) -> None:
    other = full_record()
    _client, token = issue(clinic_admin, all_offices=True)
    patient = record["patient"]
    found = bearer(token).get(f"/fhir/Condition?patient=Patient/patient-{patient.pk}").json()
    assert {e["resource"]["subject"]["reference"] for e in found["entry"]} == {f"Patient/patient-{patient.pk}"}
    assert found["total"] == 4, "CEAP per leg, and the note's two ICD-10-CM codes"
    both = bearer(token).get("/fhir/Condition").json()
    assert both["total"] == 8
    assert other["patient"].pk != patient.pk


def test_search_pages_with_links(clinic_admin, office) -> None:
    PatientFactory.create_batch(5, preferred_office=office)
    _client, token = issue(clinic_admin, all_offices=True)
    first = bearer(token).get("/fhir/Patient?_count=2").json()
    assert first["total"] == 5 and len(first["entry"]) == 2
    links = {link["relation"]: link["url"] for link in first["link"]}
    assert "previous" not in links
    second = bearer(token).get(links["next"].removeprefix("http://testserver")).json()
    third = (
        bearer(token)
        .get({lk["relation"]: lk["url"] for lk in second["link"]}["next"].removeprefix("http://testserver"))
        .json()
    )
    ids = [e["resource"]["id"] for page in (first, second, third) for e in page["entry"]]
    assert ids == [f"patient-{pk}" for pk in Patient.objects.order_by("pk").values_list("pk", flat=True)]
    assert "next" not in {link["relation"] for link in third["link"]}
    assert "previous" in {link["relation"] for link in third["link"]}


def _queries(token: str, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert bearer(token).get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "resource_type",
    [
        "Patient",
        "Observation",
        "Procedure",
        "CarePlan",
        "DocumentReference",
        "Condition",
        "AllergyIntolerance",
        "MedicationStatement",
    ],
)
def test_a_search_page_costs_the_same_queries_for_one_row_and_many(clinic_admin, office, resource_type) -> None:
    full_record(PatientFactory(preferred_office=office))
    _client, token = issue(clinic_admin, offices=[office])
    one = _queries(token, f"/fhir/{resource_type}")
    for _ in range(3):
        full_record(PatientFactory(preferred_office=office))
    assert _queries(token, f"/fhir/{resource_type}") == one


def test_a_client_past_its_rate_is_refused_with_429(clinic_admin, record, monkeypatch) -> None:
    monkeypatch.setattr("interop.api.RATE", (2, 60))
    _client, token = issue(clinic_admin, all_offices=True)
    assert bearer(token).get("/fhir/Patient").status_code == 200
    assert bearer(token).get("/fhir/Patient").status_code == 200
    _outcome(bearer(token).get("/fhir/Patient"), 429, "throttled")
    other_client, other_token = issue(clinic_admin, all_offices=True, name="Other")
    assert bearer(other_token).get("/fhir/Patient").status_code == 200


def test_everything_answers_only_the_types_the_token_allows(clinic_admin, record) -> None:
    _client, token = issue(clinic_admin, types=["Patient", "Observation"], all_offices=True)
    bundle = bearer(token).get(f"/fhir/Patient/patient-{record['patient'].pk}/$everything").json()
    assert bundle["type"] == "searchset"
    assert {e["resource"]["resourceType"] for e in bundle["entry"]} == {"Patient", "Observation"}
