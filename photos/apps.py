from django.apps import AppConfig


class PhotosConfig(AppConfig):
    """Leg photographs: uploaded by clinicians, stored privately, read only through audited views.

    An app of its own: the image pipeline, its storage and its settings stand apart from the
    notes and studies, and nothing in evaluations depends on them.
    """

    name = "photos"

    def ready(self) -> None:
        from clinic import audit, navigation
        from clinic.navigation import PATIENT_CHART, Action
        from clinic.roles import Role
        from evaluations import packet
        from photos.models import LegPhoto
        from photos.packet import chosen_photos

        audit.register(LegPhoto)
        packet.register_section(packet.PacketSection("photos/packet/_photos.html", chosen_photos))
        navigation.register_action(
            Action(
                PATIENT_CHART,
                "Leg photos",
                lambda patient: _photos_url(patient.pk),
                frozenset({Role.SONOGRAPHER, Role.PHYSICIAN}),
                43,
            )
        )


def _photos_url(pk: int) -> str:
    from django.urls import reverse

    return reverse("photos:patient_photos", args=[pk])
