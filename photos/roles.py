"""Who may see, add, choose and retire leg photos.

Clinicians only. The front desk books visits and chases authorizations but does not
need to see a patient's legs to do so (the minimum necessary, 45 CFR 164.502(b));
the prior-authorization packet reads the chosen photos on the server.
"""

from clinic.roles import Role

_CLINICIAN = ["photos.view_legphoto", "photos.add_legphoto", "photos.retire_legphoto"]

GRANTS: dict[Role, list[str]] = {
    # Their own photos (LegPhoto.permits); choosing for the packet is the physician's.
    Role.SONOGRAPHER: _CLINICIAN,
    Role.PHYSICIAN: [*_CLINICIAN, "photos.change_legphoto"],
}
