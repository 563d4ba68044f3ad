"""Patients booking for themselves: each office's policy, and the requests staff approve."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clinic.dates import office_time
from clinic.models import Office
from intake.models import Patient
from scheduling.models.appointments import Appointment
from scheduling.models.types import AppointmentType

# Defaults a clinic can change per office: two days' notice lets the desk prepare
# the chart and verify insurance; a month ahead matches how far schedules are set.
DEFAULT_NOTICE_HOURS = 48
DEFAULT_HORIZON_DAYS = 30


class SelfBookingMode(models.TextChoices):
    OFF = "off", _("Patients cannot book online")
    REQUEST = "request", _("Patients ask; the front desk approves")
    INSTANT = "instant", _("Patients book directly")


class OfficeBookingPolicyQuerySet(models.QuerySet):
    def open_to_patients(self) -> "OfficeBookingPolicyQuerySet":
        return (
            self.exclude(mode=SelfBookingMode.OFF)
            .filter(office__is_active=True)
            .select_related("office")
            .prefetch_related(models.Prefetch("appointment_types", AppointmentType.objects.active()))
        )


class OfficeBookingPolicy(models.Model):
    """Whether, and what, patients may book at one office from the portal.

    An office without a policy row takes no online bookings.
    """

    office = models.OneToOneField(Office, on_delete=models.CASCADE, related_name="booking_policy")
    mode = models.CharField(max_length=10, choices=SelfBookingMode.choices, default=SelfBookingMode.OFF)
    appointment_types = models.ManyToManyField(
        AppointmentType,
        blank=True,
        related_name="+",
        help_text="What patients may book themselves (typically a new consult and a follow-up).",
    )
    notice_hours = models.PositiveSmallIntegerField(
        default=DEFAULT_NOTICE_HOURS, help_text="The earliest online booking, in hours from now."
    )
    horizon_days = models.PositiveSmallIntegerField(
        default=DEFAULT_HORIZON_DAYS, help_text="How many days ahead patients see free times."
    )

    objects = OfficeBookingPolicyQuerySet.as_manager()

    class Meta:
        verbose_name = "online booking policy"
        verbose_name_plural = "online booking policies"
        constraints = [
            models.CheckConstraint(condition=Q(mode__in=SelfBookingMode.values), name="booking_policy_mode_known"),
            models.CheckConstraint(
                condition=Q(horizon_days__gte=1, horizon_days__lte=180), name="booking_policy_horizon_range"
            ),
            models.CheckConstraint(condition=Q(notice_hours__lte=24 * 14), name="booking_policy_notice_range"),
        ]

    def __str__(self) -> str:
        return f"{self.office}: {self.get_mode_display()}"

    @property
    def is_instant(self) -> bool:
        return self.mode == SelfBookingMode.INSTANT


class BookingRequestQuerySet(models.QuerySet):
    def pending(self) -> "BookingRequestQuerySet":
        return self.filter(status=BookingRequest.Status.PENDING)

    def with_details(self) -> "BookingRequestQuerySet":
        return self.select_related("patient", "appointment_type", "office", "appointment", "decided_by")

    def queue(self) -> "BookingRequestQuerySet":
        return self.pending().with_details().order_by("created_at", "pk")

    def for_patient(self, patient: Patient) -> "BookingRequestQuerySet":
        return self.filter(patient=patient).with_details().order_by("-created_at", "-pk")


class BookingRequest(models.Model):
    """A patient asking from the portal for a new visit, or for a booked one to move."""

    class Kind(models.TextChoices):
        BOOK = "book", _("New appointment")
        RESCHEDULE = "reschedule", _("Move an appointment")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the clinic")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Not approved")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.BOOK)
    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="booking_requests")
    appointment_type = models.ForeignKey(AppointmentType, on_delete=models.PROTECT, related_name="+")
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="booking_requests")
    start = models.DateTimeField(help_text="The time the patient chose (UTC).")
    note = models.CharField(max_length=300, blank=True, help_text="From the patient.")
    # For a move: the appointment to move. For a new visit: the one booked on approval.
    appointment = models.ForeignKey(
        Appointment, on_delete=models.PROTECT, null=True, blank=True, related_name="booking_requests"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField(max_length=200, blank=True, help_text="Shown to the patient.")

    objects = BookingRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=["book", "reschedule"]), name="booking_request_kind_known"),
            models.CheckConstraint(
                condition=Q(status__in=["pending", "approved", "declined", "withdrawn"]),
                name="booking_request_status_known",
            ),
            models.CheckConstraint(
                condition=~Q(kind="reschedule") | Q(appointment__isnull=False),
                name="booking_request_move_names_appointment",
            ),
            models.CheckConstraint(
                condition=~Q(status="approved") | Q(appointment__isnull=False),
                name="booking_request_approval_has_appointment",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["pending", "withdrawn"]) | Q(decided_at__isnull=False),
                name="booking_request_decision_dated",
            ),
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(decision_note=""), name="booking_request_decline_explained"
            ),
        ]
        indexes = [
            # The front desk's request queue: pending requests, oldest first.
            models.Index(fields=["created_at"], condition=Q(status="pending"), name="booking_request_queue"),
            # The portal home: one patient's requests, newest first.
            models.Index(fields=["patient", "-created_at"], name="booking_request_patient"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.appointment_type} · {self.patient}"

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING

    @property
    def local_start(self):
        return office_time(self.start, self.office.zone)
