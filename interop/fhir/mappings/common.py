"""Small pieces every mapping shares: references, UCUM quantities, legs, instants."""

import datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone

from interop.fhir.registry import resource_id

UCUM = "http://unitsofmeasure.org"
CPT = "http://www.ama-assn.org/go/cpt"
NPI = "http://hl7.org/fhir/sid/us-npi"
SNOMED = "http://snomed.info/sct"
LOINC = "http://loinc.org"
BCP47 = "urn:ietf:bcp:47"
# ICD-10-CM as FHIR names it; codes are written as in the tabular list, with the dot (I83.811).
ICD10_CM = "http://hl7.org/fhir/sid/icd-10-cm"
# The core extension for an IANA time zone (FHIR extensions pack: "timezone", valueCode).
TIMEZONE_EXTENSION = "http://hl7.org/fhir/StructureDefinition/timezone"
# VeinFlow's own code systems, for what no public terminology names (duplex segments, CEAP, VCSS).
LOCAL = "urn:veinflow:codesystem:"
# VeinFlow's own extensions (a symptom score's occasion, a medication's blood-thinner class).
LOCAL_EXTENSION = "urn:veinflow:extension:"

# SNOMED CT body structures for a leg: 62175007 |Structure of right lower limb|,
# 32153003 |Structure of left lower limb|.
LEG_SITES = {
    "R": {"system": SNOMED, "code": "62175007", "display": "Structure of right lower limb"},
    "L": {"system": SNOMED, "code": "32153003", "display": "Structure of left lower limb"},
}


def ref(resource_type: str, prefix: str, key: Any, display: str | None = None) -> dict[str, str]:
    reference = {"reference": f"{resource_type}/{resource_id(prefix, key)}"}
    if display:
        reference["display"] = display
    return reference


def patient_ref(patient_id: int) -> dict[str, str]:
    return ref("Patient", "patient", patient_id)


def practitioner_ref(user_id: int | None) -> dict[str, str] | None:
    """Practitioners are keyed by their user, so every user column (physician, signer) points at one."""
    return ref("Practitioner", "practitioner", user_id) if user_id else None


def location_ref(office_id: int) -> dict[str, str]:
    return ref("Location", "office", office_id)


def organization_ref(office_id: int) -> dict[str, str]:
    return ref("Organization", "org", office_id)


def instant(value: datetime.datetime | None) -> str | None:
    return timezone.localtime(value, datetime.UTC).isoformat() if value else None


def local_code(system: str, code: str, display: str | None = None) -> dict[str, str]:
    coding = {"system": f"{LOCAL}{system}", "code": code}
    if display:
        coding["display"] = display
    return coding


def quantity(value: int | Decimal, unit: str) -> dict[str, Any]:
    """A UCUM quantity; ``unit`` is both the human unit and the UCUM code (ms, mm)."""
    return {"value": value, "unit": unit, "system": UCUM, "code": unit}


def leg_site(side: str) -> list[dict[str, Any]]:
    return [{"coding": [LEG_SITES[side]]}] if side in LEG_SITES else []


def legs_sites(laterality: str) -> list[dict[str, Any]]:
    """Body sites of a laterality: "R" or "L" one leg, "B" both, anything else none."""
    sides = ["R", "L"] if laterality == "B" else [laterality]
    return [site for side in sides for site in leg_site(side)]
