"""Adding a visit's photos: all of them or none, files included."""

import datetime
from typing import Any

from django.db import transaction

from intake.models import Patient
from photos.models import LegPhoto, photo_storage
from photos.pipeline import ProcessedPhoto
from scheduling.models import Appointment


def add_leg_photos(
    *,
    patient: Patient,
    side: str,
    visit_date: datetime.date,
    appointment: Appointment | None,
    caption: str,
    photos: list[ProcessedPhoto],
    by: Any,
) -> list[LegPhoto]:
    """Store each clean photo as a photo of ``side`` at this visit.

    One transaction for the rows; if any row or file fails, the files already written for
    the others are removed too, so the storage holds no photo the record does not name.
    """
    stored: list[LegPhoto] = []
    try:
        with transaction.atomic():
            for processed in photos:
                stored.append(
                    LegPhoto.store(
                        processed=processed,
                        patient=patient,
                        side=side,
                        visit_date=visit_date,
                        appointment=appointment,
                        caption=caption,
                        by=by,
                    )
                )
    except BaseException:
        storage = photo_storage()
        for photo in stored:
            storage.delete(photo.image_name)
            storage.delete(photo.thumbnail_name)
        raise
    return stored
