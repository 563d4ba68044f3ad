"""Each FHIR mapping, the value-set checks, and a round trip through fhir.resources R4B."""

import base64
from decimal import Decimal

import pytest
from fhir.resources.R4B import get_fhir_model_class

from evaluations.models import SegmentFinding
from interop.api import everything_bundle
from interop.fhir import query, registry, valuesets
from interop.fhir.mappings import visits
from interop.fhir.mappings.common import CPT, NPI, TIMEZONE_EXTENSION, UCUM
from scheduling.models.appointments import Status

pytestmark = pytest.mark.django_db


def _bundle(record: dict) -> dict[str, dict]:
    bundle, _hits = everything_bundle("https://clinic.test/fhir", record["patient"].pk, query.EVERYTHING)
    return {f"{e['resource']['resourceType']}/{e['resource']['id']}": e["resource"] for e in bundle["entry"]}


def _of_type(resources: dict[str, dict], resource_type: str) -> list[dict]:
    return [r for key, r in resources.items() if key.startswith(f"{resource_type}/")]


def test_the_patient_carries_name_birth_date_gender_and_contacts(record) -> None:
    patient = record["patient"]
    resource = _bundle(record)[f"Patient/patient-{patient.pk}"]
    assert resource["name"][0] == {"use": "official", "family": patient.last_name, "given": [patient.first_name]}
    assert resource["birthDate"] == patient.date_of_birth.isoformat()
    assert resource["gender"] == "female"
    assert {"system": "phone", "value": patient.phone, "use": "home"} in resource["telecom"]
    assert resource["identifier"] == [{"system": "urn:veinflow:patient", "value": str(patient.pk)}]


def test_coverage_names_the_payer_and_member_id(record) -> None:
    (coverage,) = _of_type(_bundle(record), "Coverage")
    assert coverage["payor"] == [{"display": "Aetna"}]
    assert coverage["subscriberId"] == "W123456789"
    assert coverage["beneficiary"]["reference"] == f"Patient/patient-{record['patient'].pk}"


def test_practitioners_carry_their_npi(record) -> None:
    physician = record["physician"]
    resource = _bundle(record)[f"Practitioner/practitioner-{physician.pk}"]
    assert {"system": NPI, "value": physician.staff_profile.npi} in resource["identifier"]


def test_offices_are_locations_with_their_time_zone_and_organizations(record) -> None:
    office = record["patient"].preferred_office
    resources = _bundle(record)
    location = resources[f"Location/office-{office.pk}"]
    assert {"url": TIMEZONE_EXTENSION, "valueCode": office.time_zone} in location["extension"]
    assert location["managingOrganization"]["reference"] == f"Organization/org-{office.pk}"
    assert resources[f"Organization/org-{office.pk}"]["name"] == office.name


def test_appointment_statuses_map_onto_fhirs_value_set() -> None:
    assert {status: visits.APPOINTMENT_STATUS[status] for status in Status} == {
        Status.BOOKED: "booked",
        Status.CONFIRMED: "booked",
        Status.CHECKED_IN: "checked-in",
        Status.COMPLETED: "fulfilled",
        Status.CANCELLED: "cancelled",
        Status.NO_SHOW: "noshow",
    }
    assert set(visits.APPOINTMENT_STATUS.values()) <= valuesets.APPOINTMENT_STATUS.codes


def test_a_completed_visit_is_a_fulfilled_appointment_and_a_finished_encounter(record) -> None:
    done, upcoming = record["appointments"]
    resources = _bundle(record)
    assert resources[f"Appointment/appointment-{done.pk}"]["status"] == "fulfilled"
    assert resources[f"Appointment/appointment-{upcoming.pk}"]["status"] == "booked"
    encounter = resources[f"Encounter/encounter-{done.pk}"]
    assert encounter["status"] == "finished"
    assert encounter["class"]["code"] == "AMB"
    assert f"Encounter/encounter-{upcoming.pk}" not in resources, "a visit not yet begun is no encounter"


def test_each_leg_is_a_ceap_condition_and_a_vcss_observation(record) -> None:
    right = record["note"].legs.get(side="R")
    resources = _bundle(record)
    condition = resources[f"Condition/ceap-{right.pk}"]
    assert [c["code"] for c in condition["code"]["coding"]] == ["C2", "C4a"]
    assert condition["bodySite"][0]["coding"][0]["code"] == "62175007"
    vcss = resources[f"Observation/vcss-{right.pk}"]
    assert vcss["valueInteger"] == right.vcss_total == 2


def test_each_duplex_finding_is_an_observation_in_ucum_units(record) -> None:
    finding = SegmentFinding.objects.get(study=record["study"], segment="GSVa")
    resource = _bundle(record)[f"Observation/finding-{finding.pk}"]
    quantities = {c["code"]["coding"][0]["code"]: c.get("valueQuantity") for c in resource["component"]}
    assert quantities["reflux-time"] == {"value": 850, "unit": "ms", "system": UCUM, "code": "ms"}
    assert quantities["diameter"] == {"value": 6.2, "unit": "mm", "system": UCUM, "code": "mm"}
    assert "compressibility" in quantities
    assert resource["category"][0]["coding"][0]["code"] == "imaging"


def test_procedures_carry_cpt_codes(record) -> None:
    resources = _bundle(record)
    study, item = record["study"], record["item"]
    assert resources[f"Procedure/duplex-{study.pk}"]["code"]["coding"] == [{"system": CPT, "code": "93970"}]
    assert resources[f"Procedure/procedure-{item.pk}"]["code"]["coding"] == [{"system": CPT, "code": "36475"}]


def test_the_signed_plan_is_a_care_plan_with_its_items(record) -> None:
    plan = _bundle(record)[f"CarePlan/careplan-{record['plan'].pk}"]
    (activity,) = plan["activity"]
    assert activity["detail"]["status"] == "completed"
    assert activity["detail"]["code"]["coding"] == [{"system": CPT, "code": "36475"}]
    assert plan["intent"] == "plan"


def test_intake_and_screening_answers_are_questionnaire_responses(record) -> None:
    resources = _bundle(record)
    intake = resources[f"QuestionnaireResponse/intake-{record['intake'].pk}"]
    answers = {item["linkId"]: item["answer"] for item in intake["item"]}
    assert answers["swelling"][0]["valueCoding"]["code"] == "left"
    assert answers["cramps_per_week"] == [{"valueInteger": 3}]
    screening = resources[f"QuestionnaireResponse/screening-{record['screening'].pk}"]
    assert any(item["linkId"] == "triage_level" for item in screening["item"])


def test_the_signed_visit_summary_is_a_document_reference(record) -> None:
    note = record["note"]
    document = _bundle(record)[f"DocumentReference/summary-{note.pk}"]
    text = base64.b64decode(document["content"][0]["attachment"]["data"]).decode()
    assert "CEAP C4a,2" in text or "CEAP C2" in text
    assert document["docStatus"] == "final"
    assert document["type"]["coding"][0]["code"] == "11506-3"


def test_drafts_do_not_leave_the_clinic(record) -> None:
    from tests.factories.evaluations import EvaluationFactory

    draft = EvaluationFactory(patient=record["patient"])
    assert f"DocumentReference/summary-{draft.pk}" not in _bundle(record)


def test_a_code_outside_its_value_set_is_refused() -> None:
    with pytest.raises(valuesets.CodeNotInValueSet):
        valuesets.APPOINTMENT_STATUS.code("confirmed")
    with pytest.raises(valuesets.CodeNotInValueSet):
        valuesets.check_bindings({"resourceType": "Appointment", "status": "bogus", "participant": []})
    with pytest.raises(valuesets.CodeNotInValueSet):
        valuesets.check_bindings({"resourceType": "CarePlan", "activity": [{"detail": {"status": "done"}}]})
    valuesets.check_bindings({"resourceType": "Appointment", "status": "noshow"})


def test_a_mapping_that_produces_an_invalid_status_stops_the_export(record, monkeypatch) -> None:
    monkeypatch.setitem(visits.APPOINTMENT_STATUS, Status.BOOKED, "confirmed")
    with pytest.raises(valuesets.CodeNotInValueSet):
        _bundle(record)


def test_every_exported_resource_reads_back_with_fhir_resources_r4b_and_matches_the_database(record) -> None:
    """The round trip: parse each resource with its R4B class and compare what matters with the rows."""
    resources = _bundle(record)
    parsed = {key: get_fhir_model_class(r["resourceType"]).model_validate(r) for key, r in resources.items()}
    patient = record["patient"]
    fhir_patient = parsed[f"Patient/patient-{patient.pk}"]
    assert (fhir_patient.name[0].family, fhir_patient.name[0].given[0]) == (patient.last_name, patient.first_name)
    assert fhir_patient.birthDate == patient.date_of_birth
    for finding in SegmentFinding.objects.filter(study=record["study"]):
        observation = parsed[f"Observation/finding-{finding.pk}"]
        assert observation.code.coding[0].code == finding.segment
        values = {c.code.coding[0].code: c.valueQuantity for c in observation.component or [] if c.valueQuantity}
        reflux = values.get("reflux-time")
        assert (reflux.value if reflux else None) == finding.reflux_ms
        assert Decimal(str(values["diameter"].value)) == finding.diameter_mm
    for leg in record["note"].legs.all():
        condition = parsed[f"Condition/ceap-{leg.pk}"]
        assert [c.code for c in condition.code.coding or []] == leg.clinical_classes
    for appointment in record["appointments"]:
        assert (
            parsed[f"Appointment/appointment-{appointment.pk}"].status == visits.APPOINTMENT_STATUS[appointment.status]
        )
    procedure = parsed[f"Procedure/procedure-{record['item'].pk}"]
    assert procedure.code.coding[0].code == record["plan"].cpt_codes([record["item"]])[record["item"].pk]
    assert len(parsed) == len(resources)
    assert {r.get_resource_type() for r in parsed.values()} == set(registry.resource_types())
