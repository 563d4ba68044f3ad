from django.urls import reverse

from clinic import navigation
from clinic.navigation import Action, NavItem
from clinic.roles import Role

ADMIN = frozenset({Role.CLINIC_ADMIN})


def patient_bundle_url(patient) -> str:
    return reverse("interop:patient_bundle", args=[patient.pk])


def register_interop() -> None:
    # One entry: the admin's menu is already long; the export page links to the API clients.
    navigation.register(NavItem("FHIR", "interop:export_list", ADMIN, order=93))
    navigation.register_action(
        Action(
            navigation.PATIENT_CHART,
            "Export FHIR record",
            patient_bundle_url,
            frozenset({Role.PHYSICIAN, Role.CLINIC_ADMIN}),
            90,
        )
    )
