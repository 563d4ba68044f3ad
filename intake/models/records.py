"""The intake questionnaire: dated, accumulating records of symptoms and history."""

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intake.models.answers import AnswerSet
from intake.models.patients import Patient


class IntakeRecordImmutable(Exception):
    """Raised when something tries to rewrite a saved intake record."""


class IntakeRecordQuerySet(models.QuerySet):
    def history(self, patient: Patient) -> "IntakeRecordQuerySet":
        return self.filter(patient=patient).order_by("recorded_at", "pk")

    def latest_for(self, patient: Patient) -> "IntakeRecord | None":
        """What the patient told us most recently, or None."""
        return self.filter(patient=patient).order_by("-recorded_at", "-pk").first()


class IntakeRecord(AnswerSet):
    """What a patient told us on one date. Never edited: a new answer is a new record,
    so the chart can show how symptoms changed after treatment."""

    class Source(models.TextChoices):
        STAFF = "staff", _("Entered by staff")
        PATIENT = "patient", _("Entered by the patient")

    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="intake_records")
    recorded_at = models.DateTimeField(default=timezone.now)
    source = models.CharField(max_length=7, choices=Source.choices)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Set when the answers came over from the public screening form.
    screening = models.OneToOneField(
        "intake.ScreeningSubmission",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="intake_record",
    )

    objects = IntakeRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        constraints = [
            *AnswerSet.Meta.constraints,
            models.CheckConstraint(condition=Q(source__in=["staff", "patient"]), name="intake_record_source_known"),
        ]
        indexes = [
            # The chart's symptom history and "latest answers" for one patient.
            models.Index(fields=["patient", "recorded_at"], name="intake_record_history"),
        ]

    def __str__(self) -> str:
        return f"Intake for {self.patient} on {self.recorded_at:%Y-%m-%d}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise IntakeRecordImmutable("Intake records are never rewritten; record a new one.")
        super().save(*args, **kwargs)


def intake_history_for(request: Any, patient: Patient) -> list[IntakeRecord]:
    """The patient's intake records, oldest first, read once per request: the chart draws and
    lists them and the portal's panel on it names the latest the patient sent (clinic.per_request)."""
    from clinic.per_request import read_once

    return read_once(request, ("intake_history", patient.pk), lambda: list(IntakeRecord.objects.history(patient)))
