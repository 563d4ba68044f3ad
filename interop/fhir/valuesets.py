"""The FHIR value sets VeinFlow's resources use, and a check that refuses a code outside them.

fhir.resources validates structure, not terminology: it accepts ``Appointment.status = "bogus"``.
Every coded element a mapping fills from the database goes through ``ValueSet.code`` (or
``coding``), and ``check_bindings`` re-reads the finished resource, so an out-of-set code
stops the export instead of reaching a receiving system. Codes are copied from the
FHIR R4 (4.0.1) / R4B (4.3.0) specification pages named by each ``url``.
"""

from dataclasses import dataclass
from typing import Any


class CodeNotInValueSet(ValueError):
    """A mapping produced a code its binding does not allow."""


@dataclass(frozen=True)
class ValueSet:
    url: str
    system: str
    codes: frozenset[str]

    def code(self, value: str) -> str:
        if value not in self.codes:
            raise CodeNotInValueSet(f"{value!r} is not in {self.url}")
        return value

    def coding(self, value: str, display: str | None = None) -> dict[str, str]:
        coding = {"system": self.system, "code": self.code(value)}
        if display:
            coding["display"] = display
        return coding


def _vs(url: str, system: str, *codes: str) -> ValueSet:
    return ValueSet(url=url, system=system, codes=frozenset(codes))


ADMINISTRATIVE_GENDER = _vs(
    "http://hl7.org/fhir/ValueSet/administrative-gender",
    "http://hl7.org/fhir/administrative-gender",
    "male",
    "female",
    "other",
    "unknown",
)
APPOINTMENT_STATUS = _vs(
    "http://hl7.org/fhir/ValueSet/appointmentstatus",
    "http://hl7.org/fhir/appointmentstatus",
    "proposed",
    "pending",
    "booked",
    "arrived",
    "fulfilled",
    "cancelled",
    "noshow",
    "entered-in-error",
    "checked-in",
    "waitlist",
)
PARTICIPATION_STATUS = _vs(
    "http://hl7.org/fhir/ValueSet/participationstatus",
    "http://hl7.org/fhir/participationstatus",
    "accepted",
    "declined",
    "tentative",
    "needs-action",
)
ENCOUNTER_STATUS = _vs(
    "http://hl7.org/fhir/ValueSet/encounter-status",
    "http://hl7.org/fhir/encounter-status",
    "planned",
    "arrived",
    "triaged",
    "in-progress",
    "onleave",
    "finished",
    "cancelled",
    "entered-in-error",
    "unknown",
)
# Encounter.class (v3 ActEncounterCode): every VeinFlow visit is ambulatory.
ENCOUNTER_CLASS = _vs(
    "http://terminology.hl7.org/ValueSet/v3-ActEncounterCode",
    "http://terminology.hl7.org/CodeSystem/v3-ActCode",
    "AMB",
    "EMER",
    "FLD",
    "HH",
    "IMP",
    "ACUTE",
    "NONAC",
    "OBSENC",
    "PRENC",
    "SS",
    "VR",
)
CONDITION_CLINICAL = _vs(
    "http://hl7.org/fhir/ValueSet/condition-clinical",
    "http://terminology.hl7.org/CodeSystem/condition-clinical",
    "active",
    "recurrence",
    "relapse",
    "inactive",
    "remission",
    "resolved",
)
CONDITION_VERIFICATION = _vs(
    "http://hl7.org/fhir/ValueSet/condition-ver-status",
    "http://terminology.hl7.org/CodeSystem/condition-ver-status",
    "unconfirmed",
    "provisional",
    "differential",
    "confirmed",
    "refuted",
    "entered-in-error",
)
CONDITION_CATEGORY = _vs(
    "http://hl7.org/fhir/ValueSet/condition-category",
    "http://terminology.hl7.org/CodeSystem/condition-category",
    "problem-list-item",
    "encounter-diagnosis",
)
OBSERVATION_STATUS = _vs(
    "http://hl7.org/fhir/ValueSet/observation-status",
    "http://hl7.org/fhir/observation-status",
    "registered",
    "preliminary",
    "final",
    "amended",
    "corrected",
    "cancelled",
    "entered-in-error",
    "unknown",
)
OBSERVATION_CATEGORY = _vs(
    "http://hl7.org/fhir/ValueSet/observation-category",
    "http://terminology.hl7.org/CodeSystem/observation-category",
    "social-history",
    "vital-signs",
    "imaging",
    "laboratory",
    "procedure",
    "survey",
    "exam",
    "therapy",
    "activity",
)
EVENT_STATUS = _vs(
    "http://hl7.org/fhir/ValueSet/event-status",
    "http://hl7.org/fhir/event-status",
    "preparation",
    "in-progress",
    "not-done",
    "on-hold",
    "stopped",
    "completed",
    "entered-in-error",
    "unknown",
)
CARE_PLAN_STATUS = _vs(
    "http://hl7.org/fhir/ValueSet/request-status",
    "http://hl7.org/fhir/request-status",
    "draft",
    "active",
    "on-hold",
    "revoked",
    "completed",
    "entered-in-error",
    "unknown",
)
CARE_PLAN_INTENT = _vs(
    "http://hl7.org/fhir/ValueSet/care-plan-intent",
    "http://hl7.org/fhir/request-intent",
    "proposal",
    "plan",
    "order",
    "option",
)
CARE_PLAN_ACTIVITY_STATUS = _vs(
    "http://hl7.org/fhir/ValueSet/care-plan-activity-status",
    "http://hl7.org/fhir/care-plan-activity-status",
    "not-started",
    "scheduled",
    "in-progress",
    "on-hold",
    "completed",
    "cancelled",
    "stopped",
    "unknown",
    "entered-in-error",
)
CARE_PLAN_ACTIVITY_KIND = _vs(
    "http://hl7.org/fhir/ValueSet/care-plan-activity-kind",
    "http://hl7.org/fhir/resource-types",
    "Appointment",
    "CommunicationRequest",
    "DeviceRequest",
    "MedicationRequest",
    "NutritionOrder",
    "Task",
    "ServiceRequest",
    "VisionPrescription",
)
QUESTIONNAIRE_RESPONSE_STATUS = _vs(
    "http://hl7.org/fhir/ValueSet/questionnaire-answers-status",
    "http://hl7.org/fhir/questionnaire-answers-status",
    "in-progress",
    "completed",
    "amended",
    "entered-in-error",
    "stopped",
)
DOCUMENT_REFERENCE_STATUS = _vs(
    "http://hl7.org/fhir/ValueSet/document-reference-status",
    "http://hl7.org/fhir/document-reference-status",
    "current",
    "superseded",
    "entered-in-error",
)
COMPOSITION_STATUS = _vs(
    "http://hl7.org/fhir/ValueSet/composition-status",
    "http://hl7.org/fhir/composition-status",
    "preliminary",
    "final",
    "amended",
    "entered-in-error",
)
FINANCIAL_RESOURCE_STATUS = _vs(
    "http://hl7.org/fhir/ValueSet/fm-status",
    "http://hl7.org/fhir/fm-status",
    "active",
    "cancelled",
    "draft",
    "entered-in-error",
)
ORGANIZATION_TYPE = _vs(
    "http://hl7.org/fhir/ValueSet/organization-type",
    "http://terminology.hl7.org/CodeSystem/organization-type",
    "prov",
    "dept",
    "team",
    "govt",
    "ins",
    "pay",
    "edu",
    "reli",
    "crs",
    "cg",
    "bus",
    "other",
)
LOCATION_STATUS = _vs(
    "http://hl7.org/fhir/ValueSet/location-status",
    "http://hl7.org/fhir/location-status",
    "active",
    "suspended",
    "inactive",
)
LOCATION_MODE = _vs(
    "http://hl7.org/fhir/ValueSet/location-mode", "http://hl7.org/fhir/location-mode", "instance", "kind"
)
CONTACT_POINT_SYSTEM = _vs(
    "http://hl7.org/fhir/ValueSet/contact-point-system",
    "http://hl7.org/fhir/contact-point-system",
    "phone",
    "fax",
    "email",
    "pager",
    "url",
    "sms",
    "other",
)
ALLERGY_CLINICAL = _vs(
    "http://hl7.org/fhir/ValueSet/allergyintolerance-clinical",
    "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical",
    "active",
    "inactive",
    "resolved",
)
ALLERGY_TYPE = _vs(
    "http://hl7.org/fhir/ValueSet/allergy-intolerance-type",
    "http://hl7.org/fhir/allergy-intolerance-type",
    "allergy",
    "intolerance",
)
ALLERGY_CATEGORY = _vs(
    "http://hl7.org/fhir/ValueSet/allergy-intolerance-category",
    "http://hl7.org/fhir/allergy-intolerance-category",
    "food",
    "medication",
    "environment",
    "biologic",
)
ALLERGY_CRITICALITY = _vs(
    "http://hl7.org/fhir/ValueSet/allergy-intolerance-criticality",
    "http://hl7.org/fhir/allergy-intolerance-criticality",
    "low",
    "high",
    "unable-to-assess",
)
REACTION_SEVERITY = _vs(
    "http://hl7.org/fhir/ValueSet/reaction-event-severity",
    "http://hl7.org/fhir/reaction-event-severity",
    "mild",
    "moderate",
    "severe",
)
MEDICATION_STATEMENT_STATUS = _vs(
    "http://hl7.org/fhir/ValueSet/medication-statement-status",
    "http://hl7.org/fhir/CodeSystem/medication-statement-status",
    "active",
    "completed",
    "entered-in-error",
    "intended",
    "stopped",
    "on-hold",
    "unknown",
    "not-taken",
)
# Example binding, so not in BINDINGS; "patientspecified" is a list the patient gave the clinic.
MEDICATION_STATEMENT_CATEGORY = _vs(
    "http://hl7.org/fhir/ValueSet/medication-statement-category",
    "http://terminology.hl7.org/CodeSystem/medication-statement-category",
    "inpatient",
    "outpatient",
    "community",
    "patientspecified",
)

# The bindings of required strength that check_bindings re-reads on every finished resource:
# (resource type, dotted path to a code element) -> value set. A path through a list checks each item.
BINDINGS: dict[tuple[str, str], ValueSet] = {
    ("Patient", "gender"): ADMINISTRATIVE_GENDER,
    ("Appointment", "status"): APPOINTMENT_STATUS,
    ("Appointment", "participant.status"): PARTICIPATION_STATUS,
    ("Encounter", "status"): ENCOUNTER_STATUS,
    ("Encounter", "class.code"): ENCOUNTER_CLASS,
    ("Condition", "clinicalStatus.coding.code"): CONDITION_CLINICAL,
    ("Condition", "verificationStatus.coding.code"): CONDITION_VERIFICATION,
    ("Observation", "status"): OBSERVATION_STATUS,
    ("Procedure", "status"): EVENT_STATUS,
    ("CarePlan", "status"): CARE_PLAN_STATUS,
    ("CarePlan", "intent"): CARE_PLAN_INTENT,
    ("CarePlan", "activity.detail.status"): CARE_PLAN_ACTIVITY_STATUS,
    ("CarePlan", "activity.detail.kind"): CARE_PLAN_ACTIVITY_KIND,
    ("QuestionnaireResponse", "status"): QUESTIONNAIRE_RESPONSE_STATUS,
    ("DocumentReference", "status"): DOCUMENT_REFERENCE_STATUS,
    ("DocumentReference", "docStatus"): COMPOSITION_STATUS,
    ("Coverage", "status"): FINANCIAL_RESOURCE_STATUS,
    ("Location", "status"): LOCATION_STATUS,
    ("Location", "mode"): LOCATION_MODE,
    ("Patient", "telecom.system"): CONTACT_POINT_SYSTEM,
    ("Location", "telecom.system"): CONTACT_POINT_SYSTEM,
    ("AllergyIntolerance", "clinicalStatus.coding.code"): ALLERGY_CLINICAL,
    ("AllergyIntolerance", "type"): ALLERGY_TYPE,
    ("AllergyIntolerance", "category"): ALLERGY_CATEGORY,
    ("AllergyIntolerance", "criticality"): ALLERGY_CRITICALITY,
    ("AllergyIntolerance", "reaction.severity"): REACTION_SEVERITY,
    ("MedicationStatement", "status"): MEDICATION_STATEMENT_STATUS,
}


def _values_at(node: Any, path: list[str]) -> list[Any]:
    if node is None:
        return []
    if isinstance(node, list):
        return [value for item in node for value in _values_at(item, path)]
    if not path:
        return [node]
    return _values_at(node.get(path[0]) if isinstance(node, dict) else None, path[1:])


def check_bindings(resource: dict[str, Any]) -> None:
    """Refuse a resource (as JSON) with a code outside a required binding."""
    kind = resource.get("resourceType")
    for (resource_type, path), value_set in BINDINGS.items():
        if resource_type != kind:
            continue
        for value in _values_at(resource, path.split(".")):
            value_set.code(value)
