"""Who reads the practice dashboard: clinic admins, and the practice managers they name."""

from clinic.roles import Role

GRANTS = {
    Role.CLINIC_ADMIN: ["reports.view_dashboard"],
    Role.PRACTICE_MANAGER: ["reports.view_dashboard"],
}
