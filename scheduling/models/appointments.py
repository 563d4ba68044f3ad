"""Appointments and their history: who booked, moved, checked in or cancelled, and when."""

import datetime
import zoneinfo
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from clinic.dates import office_time
from clinic.models import Office, Room, StaffProfile
from intake.models import Patient
from scheduling.constraints import no_overlap
from scheduling.exceptions import InvalidTransition
from scheduling.models.types import AppointmentType


class Status(models.TextChoices):
    BOOKED = "booked", "Booked"
    CONFIRMED = "confirmed", "Confirmed"
    CHECKED_IN = "checked_in", "Checked in"
    COMPLETED = "completed", "Completed"
    CANCELLED = "cancelled", "Cancelled"
    NO_SHOW = "no_show", "No-show"


# An appointment in one of these holds its provider, room and patient; the others free them.
ACTIVE_STATUSES = (Status.BOOKED, Status.CONFIRMED, Status.CHECKED_IN, Status.COMPLETED)
ACTIVE = Q(status__in=[s.value for s in ACTIVE_STATUSES])

# Who may follow whom. Completed, cancelled and no-show are final.
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.BOOKED: frozenset({Status.CONFIRMED, Status.CHECKED_IN, Status.CANCELLED, Status.NO_SHOW}),
    Status.CONFIRMED: frozenset({Status.CHECKED_IN, Status.CANCELLED, Status.NO_SHOW}),
    Status.CHECKED_IN: frozenset({Status.COMPLETED, Status.CANCELLED}),
    Status.COMPLETED: frozenset(),
    Status.CANCELLED: frozenset(),
    Status.NO_SHOW: frozenset(),
}
MOVABLE = frozenset({Status.BOOKED, Status.CONFIRMED})

# The longest a visit may last: the longest an appointment type allows (its duration check),
# held for each appointment by the database (migration 0010). Knowing it, a query for the visits that
# overlap a window bounds ``start`` from below as well as above, so it reads an index range
# instead of the whole history: at 1,000,000 appointments the office day view's query took
# 160.7 ms as a sequential scan and 0.085 ms as a range scan, the slot search's busy intervals
# 173.2 ms and 5.8 ms (EXPLAIN ANALYZE; benchmark P6 scale).
LONGEST_VISIT = datetime.timedelta(minutes=480)


# The columns a calendar row and block show (see with_row_details).
ROW_FIELDS = (
    "patient_id",
    "appointment_type_id",
    "office_id",
    "provider_id",
    "room_id",
    "start",
    "end",
    "status",
    "cancel_reason",
    "patient__first_name",
    "patient__last_name",
    "appointment_type__name",
    "appointment_type__code",
    "appointment_type__colour",
    "room__name",
    "provider__credentials",
    "provider__user__username",
    "provider__user__first_name",
    "provider__user__last_name",
)


class AppointmentQuerySet(models.QuerySet):
    def active(self) -> "AppointmentQuerySet":
        return self.filter(ACTIVE)

    def overlapping(self, start: datetime.datetime, end: datetime.datetime) -> "AppointmentQuerySet":
        return self.filter(start__lt=end, start__gt=start - LONGEST_VISIT, end__gt=start)

    def for_office_day(self, office: Office, day: datetime.date) -> "AppointmentQuerySet":
        first, last = local_day_bounds(day, office.zone)
        return self.filter(office=office).overlapping(first, last)

    def upcoming(self, now: datetime.datetime | None = None) -> "AppointmentQuerySet":
        return self.active().filter(end__gt=now or timezone.now()).exclude(status=Status.COMPLETED)

    def visible_to(self, user: Any) -> "AppointmentQuerySet":
        """Staff who read the schedule see every appointment; a patient only their own."""
        if user.has_perm("scheduling.view_appointment"):
            return self
        return self.filter(patient__user_id=user.pk)

    def with_calendar_details(self) -> "AppointmentQuerySet":
        return self.select_related("patient", "appointment_type", "office", "room", "provider__user")

    def with_row_details(self, *, with_type: bool = True) -> "AppointmentQuerySet":
        """Only the columns a calendar row and block show (the office is the caller's): a patient row
        is wide, and reading and parsing all of it for 100 appointments outweighed the rest of the query.
        Without ``with_type``, the appointment type is the caller's too (read once, not per row)."""
        if not with_type:
            kept = [f for f in ROW_FIELDS if not f.startswith("appointment_type__")]
            return self.select_related("patient", "room", "provider__user").only(*kept)
        return self.select_related("patient", "appointment_type", "room", "provider__user").only(*ROW_FIELDS)


def local_day_bounds(day: datetime.date, zone: zoneinfo.ZoneInfo) -> tuple[datetime.datetime, datetime.datetime]:
    """The UTC instants a local calendar day starts and ends: 23 or 25 hours apart on DST days."""
    first = datetime.datetime.combine(day, datetime.time.min, tzinfo=zone)
    last = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone)
    return first.astimezone(datetime.UTC), last.astimezone(datetime.UTC)


class Appointment(models.Model):
    # The foreign keys the calendar filters on skip their own index: the (column, start)
    # indexes in Meta lead with the same column and serve those lookups.
    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="appointments", db_index=False)
    appointment_type = models.ForeignKey(AppointmentType, on_delete=models.PROTECT, related_name="appointments")
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="appointments", db_index=False)
    provider = models.ForeignKey(StaffProfile, on_delete=models.PROTECT, related_name="appointments", db_index=False)
    room = models.ForeignKey(Room, on_delete=models.PROTECT, related_name="appointments", db_index=False)
    # Stored in UTC (USE_TZ); shown in the office's zone.
    start = models.DateTimeField()
    end = models.DateTimeField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.BOOKED)
    cancel_reason = models.CharField(max_length=200, blank=True)
    notes = models.CharField(max_length=500, blank=True, help_text="For the clinic; never sent to the patient.")
    booked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AppointmentQuerySet.as_manager()

    class Meta:
        ordering = ["start", "pk"]
        permissions = [
            ("check_in_appointment", "Can confirm and check in an appointment"),
            ("cancel_appointment", "Can cancel an appointment"),
            ("reschedule_appointment", "Can move an appointment"),
            ("close_appointment", "Can complete or mark a no-show the visits they provide"),
            ("close_any_appointment", "Can complete or mark a no-show any provider's visit"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=models.F("start")), name="appointment_ends_after_start"),
            models.CheckConstraint(condition=Q(status__in=Status.values), name="appointment_status_valid"),
            models.CheckConstraint(
                condition=~Q(status="cancelled") | ~Q(cancel_reason=""), name="appointment_cancel_has_reason"
            ),
            # Nobody and nothing in two places at once (PostgreSQL; SQLite serialises bookings).
            no_overlap("provider", name="appointment_provider_no_overlap", active=ACTIVE),
            no_overlap("room", name="appointment_room_no_overlap", active=ACTIVE),
            no_overlap("patient", name="appointment_patient_no_overlap", active=ACTIVE),
        ]
        indexes = [
            # The office day view and the slot finder's busy-interval query: office, time window.
            models.Index(fields=["office", "start"], name="appointment_office_start"),
            # A provider's week view and busy intervals by provider.
            models.Index(fields=["provider", "start"], name="appointment_provider_start"),
            # Room busy intervals in the slot finder.
            models.Index(fields=["room", "start"], name="appointment_room_start"),
            # The patient chart's upcoming appointments.
            models.Index(fields=["patient", "start"], name="appointment_patient_start"),
        ]

    def __str__(self) -> str:
        return f"{self.appointment_type} · {self.local_start:%a %d %b %Y %H:%M} · {self.office}"

    def get_absolute_url(self) -> str:
        return reverse("scheduling:appointment_detail", args=[self.pk])

    @property
    def local_start(self) -> datetime.datetime:
        return office_time(self.start, self.office.zone)

    @property
    def local_end(self) -> datetime.datetime:
        return office_time(self.end, self.office.zone)

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def is_movable(self) -> bool:
        return self.status in MOVABLE

    def occupies(self, slot: Any) -> bool:
        """Whether ``slot`` (scheduling.services.slots.Slot) is this appointment's own place and time."""
        return (
            slot.start == self.start
            and slot.provider.pk == self.provider_id
            and slot.room.pk == self.room_id
            and slot.office.pk == self.office_id
        )

    def permits(self, user: Any, perm: str) -> bool:
        """A provider closes (completes, marks a no-show) the visits they provide; the desk closes any."""
        if perm == "scheduling.close_appointment":
            return user.has_perm("scheduling.close_any_appointment") or self.provider.user_id == user.pk
        return True

    def can_become(self, status: str) -> bool:
        return status in TRANSITIONS[self.status]

    def _transition(self, status: str, *, by: object, note: str = "") -> "AppointmentEvent":
        if not self.can_become(status):
            raise InvalidTransition(
                f"A {self.get_status_display().lower()} appointment cannot be marked {Status(status).label.lower()}."
            )
        previous = self.status
        self.status = status
        self.save(update_fields=["status", "cancel_reason", "updated_at"])
        return AppointmentEvent.objects.create(
            appointment=self, from_status=previous, to_status=status, by=by, note=note
        )

    def confirm(self, *, by: object) -> "AppointmentEvent":
        return self._transition(Status.CONFIRMED, by=by)

    def check_in(self, *, by: object) -> "AppointmentEvent":
        return self._transition(Status.CHECKED_IN, by=by)

    def complete(self, *, by: object) -> "AppointmentEvent":
        return self._transition(Status.COMPLETED, by=by)

    def mark_no_show(self, *, by: object) -> "AppointmentEvent":
        if self.start > timezone.now():
            raise InvalidTransition("A patient cannot miss an appointment that has not started yet.")
        return self._transition(Status.NO_SHOW, by=by)

    def cancel(self, *, reason: str, by: object) -> "AppointmentEvent":
        reason = (reason or "").strip()
        if not reason:
            raise InvalidTransition("Say why the appointment is cancelled.")
        self.cancel_reason = reason[:200]
        return self._transition(Status.CANCELLED, by=by, note=self.cancel_reason)


class AppointmentEvent(models.Model):
    """One line of an appointment's history. Moves keep the old and new times."""

    class Kind(models.TextChoices):
        BOOKED = "booked", "Booked"
        STATUS = "status", "Status changed"
        MOVED = "moved", "Rescheduled"

    appointment = models.ForeignKey(Appointment, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.STATUS)
    from_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Status.choices)
    previous_start = models.DateTimeField(null=True, blank=True)
    previous_provider = models.ForeignKey(
        StaffProfile, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    previous_room = models.ForeignKey(Room, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    note = models.CharField(max_length=200, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["booked", "status", "moved"]), name="appointment_event_kind_valid"
            ),
            models.CheckConstraint(
                condition=~Q(kind="moved") | Q(previous_start__isnull=False),
                name="appointment_event_move_keeps_old_time",
            ),
        ]
        indexes = [
            # The appointment page's history, oldest first.
            models.Index(fields=["appointment", "at"], name="appointment_event_history"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.get_to_status_display()} at {self.at:%Y-%m-%d %H:%M}"
