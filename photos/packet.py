"""The leg photos a physician chose for the prior-authorization packet: one section of it.

Registered from ``PhotosConfig.ready()``, so evaluations does not import this app. The
front desk, who sends the packet, sees the chosen photos only inside it: the PDF carries
the files themselves, read from the private storage on the server, and each photo put in
a packet is in the audit trail as read.
"""

from functools import partial
from typing import Any

from clinic.audit import log_access_many
from evaluations.models import PlanItem
from photos.models import LegPhoto, photo_storage


def _read(name: str) -> bytes:
    with photo_storage().open(name, "rb") as handle:
        return handle.read()


def chosen_photos(item: PlanItem, context: dict[str, Any]) -> dict[str, Any]:
    photos = list(LegPhoto.objects.for_packet(item.plan.patient, item.side))
    log_access_many(photos)
    for photo in photos:
        context["attachments"][photo.filename] = (photo.content_type, partial(_read, photo.image_name))
    return {"packet_photos": photos}
