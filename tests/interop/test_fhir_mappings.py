"""Each FHIR mapping, the value-set checks, and a round trip through fhir.resources R4B."""

import base64
from decimal import Decimal

import pytest
from fhir.resources.R4B import get_fhir_model_class

from evaluations.models import Diagnosis, SegmentFinding
from evaluations.rules import wells
from intake.models import AllergySeverity
from intake.models.symptoms import ITEMS as HASTI_ITEMS
from interop.api import everything_bundle
from interop.fhir import query, registry, valuesets
from interop.fhir.mappings import safety, visits
from interop.fhir.mappings.assessments import OCCASION_EXTENSION
from interop.fhir.mappings.common import CPT, ICD10_CM, NPI, TIMEZONE_EXTENSION, UCUM
from scheduling.models.appointments import Status
from tests.factories.intake import AllergyFactory, IntakeRecordFactory

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


def test_the_wells_score_is_an_observation_of_the_leg_with_the_items_that_counted(record) -> None:
    current = record["wells"]
    resource = _bundle(record)[f"Observation/wells-{current.pk}"]
    assert resource["valueInteger"] == current.score == 1
    assert resource["interpretation"][0]["text"] == "DVT unlikely"
    assert resource["interpretation"][0]["coding"][0]["code"] == "unlikely"
    assert resource["bodySite"]["coding"][0]["code"] == "32153003", "the left lower limb"
    assert {c["code"]["coding"][0]["code"]: c["valueInteger"] for c in resource["component"]} == {
        "entire_leg_swollen": 1,
        "pitting_edema": 1,
        "previous_dvt": 1,
        "alternative_diagnosis": -2,
    }
    assert resource["code"]["coding"][0]["system"] == "urn:veinflow:codesystem:wells-dvt"
    assert resource["status"] == "corrected", "it replaced an earlier assessment"


def test_a_corrected_wells_score_is_not_exported_only_its_correction(record) -> None:
    resources = _bundle(record)
    assert f"Observation/wells-{record['corrected_wells'].pk}" not in resources
    assert len([key for key in resources if key.startswith("Observation/wells-")]) == 1


def test_a_wells_score_of_two_is_dvt_likely(record) -> None:
    from tests.factories.evaluations import WellsAssessmentFactory

    likely = WellsAssessmentFactory(patient=record["patient"], side="R", active_cancer=True, entire_leg_swollen=True)
    resource = _bundle(record)[f"Observation/wells-{likely.pk}"]
    assert (resource["valueInteger"], resource["status"]) == (wells.LIKELY_FROM, "final")
    assert resource["interpretation"][0]["coding"][0]["code"] == "likely"


def test_a_symptom_score_is_one_observation_with_the_total_and_each_item(record) -> None:
    score = record["symptoms"]
    resource = _bundle(record)[f"Observation/hasti-{score.pk}"]
    assert resource["valueInteger"] == score.total == 10
    assert [c["code"]["coding"][0]["code"] for c in resource["component"]] == list(HASTI_ITEMS)
    assert [c["valueInteger"] for c in resource["component"]] == [4, 3, 2, 1, 0]
    assert resource["extension"] == [
        {
            "url": OCCASION_EXTENSION,
            "valueCoding": {
                "system": "urn:veinflow:codesystem:symptom-occasion",
                "code": "baseline",
                "display": "Before treatment",
            },
        }
    ]
    assert resource["category"][0]["coding"][0]["code"] == "survey"


def test_each_icd10_code_on_a_signed_note_is_a_condition_written_with_its_dot(record) -> None:
    resources = _bundle(record)
    by_code = {
        d.code.code: resources[f"Condition/diagnosis-{d.pk}"]
        for d in Diagnosis.objects.filter(evaluation=record["note"])
    }
    right = by_code["I83.811"]
    assert right["code"]["coding"] == [
        {"system": ICD10_CM, "code": "I83.811", "display": "Varicose veins of right lower extremity with pain"}
    ]
    assert [site["coding"][0]["code"] for site in right["bodySite"]] == ["62175007"]
    assert right["category"][0]["coding"][0]["code"] == "encounter-diagnosis"
    assert "bodySite" not in by_code["I87.2"], "a code that names no leg"
    assert resources[f"Condition/ceap-{record['note'].legs.get(side='R').pk}"]["code"]["text"].startswith("CEAP")


def test_a_bilateral_code_names_both_legs(record) -> None:
    from tests.factories.evaluations import signed_evaluation

    note = signed_evaluation(record["patient"], record["physician"], diagnoses=["I83.813"])
    diagnosis = Diagnosis.objects.get(evaluation=note)
    resource = _bundle(record)[f"Condition/diagnosis-{diagnosis.pk}"]
    assert [site["coding"][0]["code"] for site in resource["bodySite"]] == ["62175007", "32153003"]


def test_allergies_carry_agent_reaction_and_severity(record) -> None:
    lidocaine, other = record["allergies"]
    resources = _bundle(record)
    severe = resources[f"AllergyIntolerance/allergy-{lidocaine.pk}"]
    assert severe["code"]["coding"][0]["code"] == "lidocaine"
    assert severe["reaction"] == [{"manifestation": [{"text": "Throat swelling"}], "severity": "severe"}]
    assert severe["criticality"] == "high"
    assert severe["category"] == ["medication"]
    assert severe["clinicalStatus"]["coding"][0]["code"] == "active"
    named = resources[f"AllergyIntolerance/allergy-{other.pk}"]
    assert named["code"] == {"text": "Chlorhexidine"}
    assert "reaction" not in named and "category" not in named, "severity not known, agent of no known kind"


def test_every_allergy_severity_maps_into_fhirs_value_set() -> None:
    assert set(safety.REACTION_SEVERITY) == set(AllergySeverity) - {AllergySeverity.UNKNOWN}
    assert set(safety.REACTION_SEVERITY.values()) <= valuesets.REACTION_SEVERITY.codes


def test_a_mild_allergy_with_no_reaction_written_keeps_its_severity(record) -> None:
    mild = AllergyFactory(patient=record["patient"], agent="latex", severity="mild", reaction="")
    resource = _bundle(record)[f"AllergyIntolerance/allergy-{mild.pk}"]
    assert resource["reaction"] == [{"manifestation": [{"text": "Mild (rash, itching)"}], "severity": "mild"}]
    assert resource["category"] == ["environment"] and "criticality" not in resource


def _statements(record: dict) -> list[dict]:
    return _of_type(_bundle(record), "MedicationStatement")


def test_every_line_of_the_latest_medication_list_is_a_statement(record) -> None:
    intake = record["intake"]
    statements = _statements(record)
    assert [s["id"] for s in statements] == [f"medication-{intake.pk}.{n}" for n in (1, 2, 3)]
    assert [s["medicationCodeableConcept"]["text"] for s in statements] == intake.medication_lines()
    assert all(s["status"] == "active" for s in statements)
    assert {s["derivedFrom"][0]["reference"] for s in statements} == {f"QuestionnaireResponse/intake-{intake.pk}"}
    assert all(s["category"]["coding"][0]["code"] == "patientspecified" for s in statements)


def test_a_blood_thinner_carries_its_class_as_the_charts_alert_reads_it(record) -> None:
    eliquis, lipitor, metformin = _statements(record)
    assert eliquis["medicationCodeableConcept"]["coding"][0]["code"] == "apixaban"
    assert eliquis["extension"] == [
        {
            "url": safety.ANTITHROMBOTIC_EXTENSION,
            "valueCoding": {
                "system": "urn:veinflow:codesystem:antithrombotic",
                "code": "anticoagulant",
                "display": "Anticoagulant",
            },
        }
    ]
    assert lipitor["medicationCodeableConcept"]["coding"][0]["code"] == "atorvastatin"
    assert "extension" not in lipitor
    assert metformin["medicationCodeableConcept"] == {"text": "metformin 500 mg"}, "not in the drug catalogue"


def test_an_older_medication_list_is_not_exported(record) -> None:
    assert not any("Coumadin" in s["medicationCodeableConcept"]["text"] for s in _statements(record))
    IntakeRecordFactory(patient=record["patient"], medications="")
    assert _statements(record) == [], "the latest answers list no medicine"


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
    wells_row = record["wells"]
    wells_observation = parsed[f"Observation/wells-{wells_row.pk}"]
    assert wells_observation.valueInteger == wells_row.score
    assert {c.code.coding[0].code: c.valueInteger for c in wells_observation.component} == {
        item.code: item.points for item in wells_row.result.counted
    }
    symptoms = record["symptoms"]
    hasti = parsed[f"Observation/hasti-{symptoms.pk}"]
    assert hasti.valueInteger == symptoms.total
    assert {c.code.coding[0].code: c.valueInteger for c in hasti.component} == symptoms.scores
    for diagnosis in Diagnosis.objects.filter(evaluation=record["note"]).select_related("code"):
        coding = parsed[f"Condition/diagnosis-{diagnosis.pk}"].code.coding[0]
        assert (coding.system, coding.code) == (ICD10_CM, diagnosis.code.code)
    for allergy in record["allergies"]:
        assert parsed[f"AllergyIntolerance/allergy-{allergy.pk}"].code.text == allergy.agent_name
    intake = record["intake"]
    written = [
        parsed[f"MedicationStatement/medication-{intake.pk}.{n}"].medicationCodeableConcept.text
        for n in range(1, len(intake.medication_lines()) + 1)
    ]
    assert written == intake.medication_lines()
    procedure = parsed[f"Procedure/procedure-{record['item'].pk}"]
    assert procedure.code.coding[0].code == record["plan"].cpt_codes([record["item"]])[record["item"].pk]
    assert len(parsed) == len(resources)
    assert {r.get_resource_type() for r in parsed.values()} == set(registry.resource_types())
