"""Intake's entries in the shared navigation: menu items and the front desk's home panel."""

from typing import Any

from django.http import HttpRequest

from clinic import navigation
from clinic.audit import log_access_many
from clinic.navigation import NavItem, Panel
from clinic.roles import Role

QUEUE_ROLES = frozenset({Role.FRONT_DESK, Role.PHYSICIAN, Role.CLINIC_ADMIN})
CHART_ROLES = frozenset({Role.FRONT_DESK, Role.SONOGRAPHER, Role.PHYSICIAN, Role.CLINIC_ADMIN})
# How many waiting screenings the home panel lists before "open the queue".
HOME_PANEL_ROWS = 5


def waiting_screenings(request: HttpRequest, obj: Any) -> dict[str, Any]:
    from intake.models import ScreeningSubmission

    # Two queries whatever the queue holds: the count and the first rows.
    queue = ScreeningSubmission.objects.queue()
    urgent = list(ScreeningSubmission.objects.urgent_waiting().queue()[:HOME_PANEL_ROWS])
    log_access_many(urgent)
    return {"open_count": queue.count(), "urgent": urgent}


def register_intake() -> None:
    navigation.register(NavItem("Screening queue", "screening_queue", QUEUE_ROLES, order=10))
    navigation.register(NavItem("Patients", "patient_list", CHART_ROLES, order=20))
    navigation.register_panel(
        Panel(
            navigation.HOME,
            "intake/panels/waiting_screenings.html",
            frozenset({Role.FRONT_DESK, Role.PHYSICIAN}),
            context=waiting_screenings,
            order=10,
        )
    )
