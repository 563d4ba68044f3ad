"""Photographs of a patient's leg, one leg per photo, taken at a visit."""

import datetime
import uuid
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import Storage, storages
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from evaluations.rules.segments import Side
from intake.models import Patient
from photos.pipeline import ProcessedPhoto

STORAGE_ALIAS = "clinical_photos"


def photo_storage() -> Storage:
    """The clinical photos' own storage (settings.STORAGES["clinical_photos"]): private, never served by URL."""
    return storages[STORAGE_ALIAS]


def _random_name(extension: str) -> str:
    # Nothing about the patient in a file name: a listing of the folder or bucket tells nothing.
    return f"{uuid.uuid4().hex}.{extension}"


class LegPhotoQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> "LegPhotoQuerySet":
        """Clinicians see every photo; anyone else none (the portal does not show photos)."""
        if user.has_perm("photos.view_legphoto"):
            return self
        return self.none()

    def current(self) -> "LegPhotoQuerySet":
        return self.filter(retired_at__isnull=True)

    def of_leg(self, patient: Patient, side: str) -> "LegPhotoQuerySet":
        """One leg's current photos, oldest visit first (the comparison reads left to right)."""
        return self.current().filter(patient=patient, side=side).order_by("visit_date", "uploaded_at", "pk")

    def for_packet(self, patient: Patient, side: str | None = None) -> "LegPhotoQuerySet":
        """The photos a clinician marked for the prior-authorization packet, oldest visit first."""
        chosen = self.current().filter(patient=patient, include_in_packet=True)
        if side is not None:
            chosen = chosen.filter(side=side)
        return chosen.order_by("visit_date", "side", "uploaded_at", "pk")


class LegPhoto(models.Model):
    """A photograph of one leg at one visit, stored without its camera metadata.

    Part of the clinical record: never deleted, only retired with a reason (the file
    is kept, and the photo leaves the pages and the prior-authorization packet).
    """

    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="leg_photos")
    side = models.CharField(max_length=1, choices=Side.choices)
    # The visit it was taken at, when booked; visit_date is that visit's day in its office.
    appointment = models.ForeignKey(
        "scheduling.Appointment", on_delete=models.PROTECT, null=True, blank=True, related_name="leg_photos"
    )
    visit_date = models.DateField()
    caption = models.CharField(max_length=200, blank=True)
    image_name = models.CharField(max_length=255, unique=True, editable=False)
    thumbnail_name = models.CharField(max_length=255, unique=True, editable=False)
    content_type = models.CharField(max_length=20, editable=False)
    width = models.PositiveIntegerField(editable=False)
    height = models.PositiveIntegerField(editable=False)
    byte_size = models.PositiveIntegerField(editable=False)
    thumbnail_width = models.PositiveIntegerField(editable=False)
    thumbnail_height = models.PositiveIntegerField(editable=False)
    include_in_packet = models.BooleanField(
        default=False, help_text="Sent with the prior-authorization packet for this leg."
    )
    taken_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)
    retired_at = models.DateTimeField(null=True, blank=True)
    retired_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    retired_reason = models.CharField(max_length=200, blank=True)

    objects = LegPhotoQuerySet.as_manager()

    class Meta:
        ordering = ["visit_date", "uploaded_at", "pk"]
        permissions = [("retire_legphoto", "Can retire a leg photo")]
        constraints = [
            models.CheckConstraint(condition=Q(side__in=Side.values), name="legphoto_side_r_or_l"),
            models.CheckConstraint(
                condition=Q(content_type__in=["image/jpeg", "image/png"]), name="legphoto_known_content_type"
            ),
            models.CheckConstraint(
                condition=Q(width__gt=0, height__gt=0, byte_size__gt=0, thumbnail_width__gt=0, thumbnail_height__gt=0),
                name="legphoto_sizes_positive",
            ),
            models.CheckConstraint(
                condition=Q(thumbnail_width__lte=models.F("width"), thumbnail_height__lte=models.F("height")),
                name="legphoto_thumbnail_not_larger",
            ),
            models.CheckConstraint(condition=~Q(image_name="") & ~Q(thumbnail_name=""), name="legphoto_files_named"),
            # Retired: when, by whom and why, all three; current: none of them.
            models.CheckConstraint(
                condition=(Q(retired_at__isnull=True, retired_by__isnull=True, retired_reason=""))
                | (Q(retired_at__isnull=False, retired_by__isnull=False) & ~Q(retired_reason="")),
                name="legphoto_retired_with_reason",
            ),
            models.CheckConstraint(
                condition=Q(retired_at__isnull=True) | Q(include_in_packet=False),
                name="legphoto_retired_not_in_packet",
            ),
        ]
        indexes = [
            # LegPhotoQuerySet.of_leg / for_packet: one patient's leg, by visit (the photos and compare pages).
            models.Index(fields=["patient", "side", "visit_date"], name="legphoto_patient_leg_visit"),
        ]

    def __str__(self) -> str:
        return f"{self.get_side_display()} leg photo {self.visit_date:%Y-%m-%d}"

    @property
    def is_retired(self) -> bool:
        return self.retired_at is not None

    @property
    def filename(self) -> str:
        """What a browser saves it as: the record number, never the patient's name."""
        return f"leg-photo-{self.pk}.{self.image_name.rsplit('.', 1)[-1]}"

    def permits(self, user: Any, perm: str) -> bool:
        """A photo is retired by whoever took it, or by a clinician who may choose photos for the packet."""
        if perm == "photos.retire_legphoto":
            return self.taken_by_id == user.pk or user.has_perm("photos.change_legphoto")
        return True

    @classmethod
    def store(
        cls,
        *,
        processed: ProcessedPhoto,
        patient: Patient,
        side: str,
        visit_date: datetime.date,
        appointment: Any = None,
        caption: str = "",
        by: Any,
    ) -> "LegPhoto":
        """Write the clean photo and its thumbnail to the private storage, then the row.

        If the row cannot be saved, the files written for it are removed again.
        """
        storage = photo_storage()
        image_name = storage.save(_random_name(processed.extension), ContentFile(processed.content))
        thumbnail_name = storage.save(_random_name("jpg"), ContentFile(processed.thumbnail))
        try:
            with transaction.atomic():
                photo = cls.objects.create(
                    patient=patient,
                    side=side,
                    appointment=appointment,
                    visit_date=visit_date,
                    caption=caption,
                    image_name=image_name,
                    thumbnail_name=thumbnail_name,
                    content_type=processed.content_type,
                    width=processed.width,
                    height=processed.height,
                    byte_size=len(processed.content),
                    thumbnail_width=processed.thumbnail_width,
                    thumbnail_height=processed.thumbnail_height,
                    taken_by=by,
                )
        except BaseException:
            storage.delete(image_name)
            storage.delete(thumbnail_name)
            raise
        return photo

    def retire(self, *, reason: str, by: Any) -> None:
        """Take the photo off the pages and out of the packet; the file and the row stay in the record."""
        if self.is_retired:
            return
        self.retired_at = timezone.now()
        self.retired_by = by
        self.retired_reason = reason.strip()
        self.include_in_packet = False
        self.save(update_fields=["retired_at", "retired_by", "retired_reason", "include_in_packet"])

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise PhotoIsPartOfTheRecord


class PhotoIsPartOfTheRecord(Exception):
    def __str__(self) -> str:
        return "A leg photo is part of the clinical record: retire it with a reason instead of deleting it."
