"""What the portal adds to staff pages: the chart's portal card, invite buttons, the desk's queue."""

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from clinic import navigation
from clinic.navigation import Action, NavItem, Panel
from clinic.roles import Role

DESK = frozenset({Role.FRONT_DESK, Role.CLINIC_ADMIN})
STAFF = frozenset({Role.FRONT_DESK, Role.SONOGRAPHER, Role.PHYSICIAN, Role.CLINIC_ADMIN})


def portal_card(request: HttpRequest, patient: Any) -> dict[str, Any]:
    """Two queries whatever the history: invitations and a draft; the latest patient-entered
    intake is found in the records the chart has read already."""
    from intake.models import IntakeDraft, IntakeRecord, PortalInvitation
    from intake.models.records import intake_history_for

    invitations = list(PortalInvitation.objects.for_patient(patient)[:3])
    latest_own = next(
        (
            record
            for record in reversed(intake_history_for(request, patient))
            if record.source == IntakeRecord.Source.PATIENT and record.screening_id is None
        ),
        None,
    )
    draft = IntakeDraft.objects.filter(patient=patient).only("updated_at", "patient_id").first()
    pending = next((i for i in invitations if i.status == PortalInvitation.Status.PENDING), None)
    return {
        "has_login": patient.user_id is not None,
        "invitations": invitations,
        "pending": pending,
        "latest_own_intake": latest_own,
        "draft": draft,
        "can_invite": bool(DESK & _roles(request)),
    }


def _roles(request: HttpRequest) -> frozenset:
    from clinic.roles import roles_of

    return roles_of(request.user)


def invite_patient_url(patient: Any) -> str:
    return reverse("portal:invite", args=[patient.pk])


def invite_from_screening_url(screening: Any) -> str:
    return reverse("portal:invite_screening", args=[screening.pk])


def register() -> None:
    navigation.register(NavItem("Portal requests", "portal:requests", DESK, order=32))
    navigation.register_panel(
        Panel(navigation.PATIENT_CHART, "portal/panels/chart_portal.html", STAFF, portal_card, 30)
    )
    navigation.register_action(Action(navigation.PATIENT_CHART, "Invite to portal", invite_patient_url, DESK, 30))
    navigation.register_action(Action(navigation.SCREENING, "Invite to portal", invite_from_screening_url, DESK, 30))
