"""Patient, Coverage, Practitioner, Organization and Location."""

from fhir.resources.R4B.coverage import Coverage
from fhir.resources.R4B.location import Location
from fhir.resources.R4B.organization import Organization
from fhir.resources.R4B.patient import Patient as FhirPatient
from fhir.resources.R4B.practitioner import Practitioner

from clinic.models import Office, StaffProfile
from intake.models import Patient
from interop.fhir import valuesets as vs
from interop.fhir.mappings.common import (
    BCP47,
    NPI,
    TIMEZONE_EXTENSION,
    organization_ref,
    patient_ref,
)
from interop.fhir.registry import identifier, register, resource_id

GENDER = {"F": "female", "M": "male", "X": "other", "U": "unknown"}
MEMBER_ID = "urn:veinflow:member-id"


def _address(row: Patient | Office) -> list[dict]:
    lines = [line for line in (row.address_line1, row.address_line2) if line]
    if not lines and not row.city:
        return []
    address = {"line": lines or None, "city": row.city or None, "state": row.state or None}
    address["postalCode"] = row.postal_code or None
    address["country"] = "US"
    return [{k: v for k, v in address.items() if v}]


@register(
    "Patient",
    prefix="patient",
    queryset=lambda: Patient.objects.all(),
    patient="pk",
    search_patient=False,
    date="date_of_birth",
    date_param="birthdate",
)
def patient(row: Patient) -> FhirPatient:
    telecom = [{"system": vs.CONTACT_POINT_SYSTEM.code("phone"), "value": row.phone, "use": "home"}]
    if row.email:
        telecom.append({"system": vs.CONTACT_POINT_SYSTEM.code("email"), "value": row.email})
    name = {"use": "official", "family": row.last_name, "given": [row.first_name]}
    names = [name]
    if row.preferred_name:
        names.append({"use": "usual", "given": [row.preferred_name], "family": row.last_name})
    return FhirPatient(
        id=resource_id("patient", row.pk),
        identifier=[identifier("patient", row.pk)],
        name=names,
        birthDate=row.date_of_birth,
        gender=vs.ADMINISTRATIVE_GENDER.code(GENDER[row.sex_at_birth]),
        telecom=telecom,
        address=_address(row) or None,
        communication=[
            {"language": {"coding": [{"system": BCP47, "code": row.preferred_language}]}, "preferred": True}
        ],
        managingOrganization=organization_ref(row.preferred_office_id) if row.preferred_office_id else None,
    )


@register(
    "Coverage",
    prefix="coverage",
    queryset=lambda: Patient.objects.exclude(insurance_payer=""),
    patient="pk",
    identifiers={MEMBER_ID: "insurance_member_id"},
)
def coverage(row: Patient) -> Coverage:
    """The payer and member id on the patient's registration (one coverage per patient)."""
    identifiers = [identifier("coverage", row.pk)]
    if row.insurance_member_id:
        identifiers.append({"system": MEMBER_ID, "value": row.insurance_member_id})
    return Coverage(
        id=resource_id("coverage", row.pk),
        identifier=identifiers,
        status=vs.FINANCIAL_RESOURCE_STATUS.code("active"),
        beneficiary=patient_ref(row.pk),
        subscriberId=row.insurance_member_id or None,
        payor=[{"display": row.insurance_payer}],
    )


@register(
    "Practitioner",
    prefix="practitioner",
    queryset=lambda: StaffProfile.objects.select_related("user"),
    office="offices",
    key="user_id",
    identifiers={NPI: "npi"},
)
def practitioner(row: StaffProfile) -> Practitioner:
    identifiers = [identifier("practitioner", row.user_id)]
    if row.npi:
        identifiers.append({"system": NPI, "value": row.npi})
    user = row.user
    name = {"family": user.last_name or user.get_username(), "given": [user.first_name] if user.first_name else None}
    if row.credentials:
        name["suffix"] = [row.credentials]
    return Practitioner(
        id=resource_id("practitioner", row.user_id),
        identifier=identifiers,
        active=user.is_active,
        name=[{k: v for k, v in name.items() if v}],
        qualification=[{"code": {"text": row.credentials}}] if row.credentials else None,
    )


@register("Organization", prefix="org", queryset=lambda: Office.objects.all(), office="pk")
def organization(row: Office) -> Organization:
    """Each office as the organization that provides its care (serviceProvider of its encounters)."""
    return Organization(
        id=resource_id("org", row.pk),
        identifier=[identifier("org", row.pk)],
        active=row.is_active,
        type=[{"coding": [vs.ORGANIZATION_TYPE.coding("prov", "Healthcare Provider")]}],
        name=row.name,
        telecom=[{"system": vs.CONTACT_POINT_SYSTEM.code("phone"), "value": row.phone, "use": "work"}],
        address=_address(row) or None,
    )


@register("Location", prefix="office", queryset=lambda: Office.objects.all(), office="pk")
def location(row: Office) -> Location:
    """An office. Its IANA time zone travels in the core ``timezone`` extension (valueCode), since R4's
    Location has no element for it; appointment times are instants in UTC, shown in this zone."""
    return Location(
        id=resource_id("office", row.pk),
        identifier=[identifier("office", row.pk)],
        extension=[{"url": TIMEZONE_EXTENSION, "valueCode": row.time_zone}],
        status=vs.LOCATION_STATUS.code("active" if row.is_active else "inactive"),
        mode=vs.LOCATION_MODE.code("instance"),
        name=row.name,
        description=row.directions or None,
        telecom=[{"system": vs.CONTACT_POINT_SYSTEM.code("phone"), "value": row.phone, "use": "work"}],
        address=(_address(row) or [None])[0],
        managingOrganization=organization_ref(row.pk),
    )
