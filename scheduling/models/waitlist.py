"""Patients waiting for an earlier slot of a type, at an office (or any), within dates."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from clinic.models import Office
from intake.models import Patient
from scheduling.models.appointments import Appointment
from scheduling.models.types import AppointmentType


class WaitlistQuerySet(models.QuerySet):
    def waiting(self) -> "WaitlistQuerySet":
        return self.filter(status=WaitlistEntry.Status.WAITING)

    def matching(self, appointment: Appointment) -> "WaitlistQuerySet":
        """Who would take this appointment's slot if it freed up: first come, first served."""
        day = appointment.local_start.date()
        return (
            self.waiting()
            .filter(appointment_type_id=appointment.appointment_type_id, earliest__lte=day, latest__gte=day)
            .filter(Q(office__isnull=True) | Q(office_id=appointment.office_id))
            .exclude(patient_id=appointment.patient_id)
            .select_related("patient", "office", "appointment_type")
            .order_by("created_at", "pk")
        )


class WaitlistEntry(models.Model):
    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting"
        BOOKED = "booked", "Booked"
        WITHDRAWN = "withdrawn", "Withdrawn"

    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="waitlist_entries")
    appointment_type = models.ForeignKey(AppointmentType, on_delete=models.PROTECT, related_name="+")
    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, null=True, blank=True, related_name="+", help_text="Empty: any office."
    )
    earliest = models.DateField()
    latest = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    note = models.CharField(max_length=200, blank=True)
    booked_appointment = models.ForeignKey(
        Appointment, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = WaitlistQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "waitlist entries"
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(latest__gte=models.F("earliest")), name="waitlist_dates_ordered"),
            models.CheckConstraint(
                condition=Q(status__in=["waiting", "booked", "withdrawn"]), name="waitlist_status_valid"
            ),
            # One open request per patient and type; a second would only jump the queue twice.
            models.UniqueConstraint(
                fields=["patient", "appointment_type"],
                condition=Q(status="waiting"),
                name="waitlist_one_open_entry_per_type",
            ),
        ]
        indexes = [
            # Candidates for a freed slot: waiting entries of a type, oldest first.
            models.Index(fields=["appointment_type", "status", "created_at"], name="waitlist_candidates"),
        ]

    def __str__(self) -> str:
        return f"{self.patient} · {self.appointment_type} · {self.earliest} to {self.latest}"

    def clean(self) -> None:
        # The database refuses it too (migration 0006); this says so next to the field.
        if self.booked_appointment_id and self.booked_appointment.patient_id != self.patient_id:
            raise ValidationError({"booked_appointment": "The booked appointment is another patient's."})
