from django.urls import reverse

from clinic import navigation
from clinic.navigation import Action, NavItem
from clinic.roles import Role

ADMIN = frozenset({Role.CLINIC_ADMIN})


def patient_bundle_url(patient) -> str:
    return reverse("interop:patient_bundle", args=[patient.pk])


def register_interop() -> None:
    navigation.register(NavItem("FHIR export", "interop:export_list", ADMIN, order=93))
    navigation.register(NavItem("FHIR clients", "interop:client_list", ADMIN, order=94))
    navigation.register_action(
        Action(
            navigation.PATIENT_CHART,
            "Export FHIR record",
            patient_bundle_url,
            frozenset({Role.PHYSICIAN, Role.CLINIC_ADMIN}),
            90,
        )
    )
