"""AllergyIntolerance (the chart's allergies) and MedicationStatement (the patient's medication list).

What a receiving system most needs before a procedure: the same facts as the chart's alert
strip (intake/safety.py), read the same way.
"""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q
from fhir.resources.R4B.allergyintolerance import AllergyIntolerance
from fhir.resources.R4B.medicationstatement import MedicationStatement

from intake.medications import DrugCatalogue, MedicationMatch
from intake.models import Allergy, AllergyAgent, AllergySeverity, Antithrombotic, IntakeRecord
from interop.fhir import valuesets as vs
from interop.fhir.mappings.common import LOCAL_EXTENSION, instant, local_code, patient_ref, practitioner_ref
from interop.fhir.registry import Part, identifier, register, resource_id

# FHIR's allergy categories for the agents a vein clinic asks about: the sclerosant, the anaesthetic
# and iodine (antiseptic, contrast) are medicines; the adhesive, latex and tape are "environment",
# FHIR's category for any other substance. An "other" agent has no category: it could be anything.
AGENT_CATEGORY = {
    AllergyAgent.POLIDOCANOL: "medication",
    AllergyAgent.LIDOCAINE: "medication",
    AllergyAgent.IODINE: "medication",
    AllergyAgent.CYANOACRYLATE: "environment",
    AllergyAgent.LATEX: "environment",
    AllergyAgent.ADHESIVE: "environment",
}
# VeinFlow's severity of the reaction -> FHIR reaction severity; "not known" leaves it out.
REACTION_SEVERITY = {
    AllergySeverity.MILD: "mild",
    AllergySeverity.MODERATE: "moderate",
    AllergySeverity.SEVERE: "severe",
}
ANTITHROMBOTIC_EXTENSION = f"{LOCAL_EXTENSION}antithrombotic"


# No date: an allergy is a standing fact, so a bulk export for any range carries them all.
@register("AllergyIntolerance", prefix="allergy", queryset=lambda: Allergy.objects.all(), patient="patient_id")
def allergy(row: Allergy) -> AllergyIntolerance:
    """One allergy on the chart; an "other" agent as text only. A severe (anaphylactic) reaction makes
    the criticality high."""
    if row.agent == AllergyAgent.OTHER:
        code = {"text": row.other_name}
    else:
        code = {"coding": [local_code("allergy-agent", row.agent, row.get_agent_display())], "text": row.agent_name}
    severity = REACTION_SEVERITY.get(row.severity)
    reaction = None
    if row.reaction or severity:
        reaction = [
            {
                "manifestation": [{"text": row.reaction or row.get_severity_display()}],
                "severity": vs.REACTION_SEVERITY.code(severity) if severity else None,
            }
        ]
    category = AGENT_CATEGORY.get(row.agent)
    return AllergyIntolerance(
        id=resource_id("allergy", row.pk),
        identifier=[identifier("allergy", row.pk)],
        clinicalStatus={"coding": [vs.ALLERGY_CLINICAL.coding("active")]},
        type=vs.ALLERGY_TYPE.code("allergy"),
        category=[vs.ALLERGY_CATEGORY.code(category)] if category else None,
        criticality=vs.ALLERGY_CRITICALITY.code("high") if row.severity == AllergySeverity.SEVERE else None,
        code=code,
        patient=patient_ref(row.patient_id),
        recordedDate=instant(row.recorded_at),
        recorder=practitioner_ref(row.recorded_by_id),
        reaction=reaction,
    )


@dataclass(frozen=True)
class ListedMedication:
    """One line of the medication list as the patient wrote it, and what the drug catalogue made of it."""

    written: str
    matches: list[MedicationMatch]


def listed_medications(records: list[IntakeRecord]) -> list[list[ListedMedication]]:
    """Each record's lines, read against the catalogue as the chart's alert reads them (one query)."""
    catalogue = DrugCatalogue.load() if records else None
    return [[ListedMedication(line, catalogue.match([line])) for line in r.medication_lines()] for r in records]


def _latest_lists():
    """Each patient's latest intake answers (what the chart reads: intake.safety.latest_record), if they
    list any medicine."""
    later = IntakeRecord.objects.filter(patient=OuterRef("patient")).filter(
        Q(recorded_at__gt=OuterRef("recorded_at")) | Q(recorded_at=OuterRef("recorded_at"), pk__gt=OuterRef("pk"))
    )
    # The patient is read for the audit entry's description (IntakeRecord.__str__).
    return IntakeRecord.objects.filter(~Exists(later)).exclude(medications="").select_related("patient")


@register(
    "MedicationStatement",
    prefix="medication",
    queryset=_latest_lists,
    patient="patient_id",
    # No date: like the allergies, the current list goes whole into a bulk export whatever its range.
    parts=listed_medications,
    audited=lambda part: part.row,
)
def medication_statement(part: Part) -> MedicationStatement:
    """Every medicine on the patient's latest list, one statement per line as written. A line the drug
    catalogue knows carries its generic name; a blood thinner its class (anticoagulant, antiplatelet)."""
    record: IntakeRecord = part.row
    listed: ListedMedication = part.value
    generics = {m.generic_name for m in listed.matches}
    kinds = sorted({m.antithrombotic for m in listed.matches if m.thins_blood})
    return MedicationStatement(
        id=resource_id("medication", part.key),
        identifier=[identifier("medication", part.key)],
        extension=[
            {
                "url": ANTITHROMBOTIC_EXTENSION,
                "valueCoding": local_code("antithrombotic", kind, Antithrombotic(kind).label),
            }
            for kind in kinds
        ]
        or None,
        status=vs.MEDICATION_STATEMENT_STATUS.code("active"),
        category={"coding": [vs.MEDICATION_STATEMENT_CATEGORY.coding("patientspecified")]},
        medicationCodeableConcept={
            # One coding only when the line names one drug: codings of one concept must mean the same.
            "coding": [local_code("drug", generic, generic) for generic in generics] if len(generics) == 1 else None,
            "text": listed.written,
        },
        subject=patient_ref(record.patient_id),
        dateAsserted=instant(record.recorded_at),
        informationSource=patient_ref(record.patient_id),
        derivedFrom=[{"reference": f"QuestionnaireResponse/{resource_id('intake', record.pk)}"}],
    )
