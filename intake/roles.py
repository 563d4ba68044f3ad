"""What intake grants each role (collected by clinic.roles.sync_role_groups)."""

from clinic.roles import Role

_READ_CHART = [
    "intake.view_patient",
    "intake.view_intakerecord",
    "intake.view_allergy",
    "intake.view_symptomscore",
    "intake.view_drugclass",
    "intake.view_drugname",
]
_WORK_QUEUE = ["intake.view_screeningsubmission", "intake.change_screeningsubmission"]

GRANTS: dict[Role, list[str]] = {
    Role.FRONT_DESK: [
        *_READ_CHART,
        *_WORK_QUEUE,
        "intake.add_patient",
        "intake.change_patient",
        "intake.add_intakerecord",
        # The desk hears of allergies at check-in; only a physician takes one off the chart.
        "intake.add_allergy",
        # The patient's own answers, typed at the desk on their behalf.
        "intake.add_symptomscore",
    ],
    Role.SONOGRAPHER: [*_READ_CHART],
    Role.PHYSICIAN: [
        *_READ_CHART,
        "intake.view_screeningsubmission",
        "intake.add_intakerecord",
        "intake.add_allergy",
        "intake.delete_allergy",
        "intake.add_symptomscore",
    ],
    Role.CLINIC_ADMIN: [
        *_READ_CHART,
        *_WORK_QUEUE,
        "intake.add_patient",
        "intake.change_patient",
        "intake.add_intakerecord",
        "intake.add_symptomscore",
        # The drug catalogue is clinical reference data the clinic maintains.
        "intake.add_drugclass",
        "intake.change_drugclass",
        "intake.delete_drugclass",
        "intake.add_drugname",
        "intake.change_drugname",
        "intake.delete_drugname",
    ],
}
