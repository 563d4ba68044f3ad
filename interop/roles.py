"""Who may use the FHIR pages. API clients hold no role: their token's scope decides what they read."""

from clinic.roles import Role

GRANTS: dict[Role, list[str]] = {
    # A patient's record as a bundle: the physician (to send it on) and the admin (release of information).
    Role.PHYSICIAN: ["interop.export_patient_record"],
    Role.CLINIC_ADMIN: [
        "interop.export_patient_record",
        "interop.view_apiclient",
        "interop.add_apiclient",
        "interop.revoke_apiclient",
        "interop.view_bulkexport",
        "interop.add_bulkexport",
    ],
}
