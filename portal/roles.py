"""What the portal's staff pages need (collected by clinic.roles.sync_role_groups).

Patients hold one permission, ``intake.use_portal``, and no model permissions:
every portal page asks for it and scopes its records to the signed-in patient
(portal.access, clinic.access).
"""

from clinic.roles import Role

_DESK = [
    "intake.view_portalinvitation",
    "intake.add_portalinvitation",
    "intake.change_portalinvitation",
    "intake.view_identitychangerequest",
    "intake.change_identitychangerequest",
    "scheduling.view_bookingrequest",
    "scheduling.change_bookingrequest",
    "scheduling.view_officebookingpolicy",
]

GRANTS: dict[Role, list[str]] = {
    Role.PATIENT: ["intake.use_portal"],
    Role.FRONT_DESK: [*_DESK],
    # Whether an office takes online bookings is the clinic admin's call (Django admin).
    Role.CLINIC_ADMIN: [
        *_DESK,
        "scheduling.add_officebookingpolicy",
        "scheduling.change_officebookingpolicy",
    ],
}
