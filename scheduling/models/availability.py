"""When providers see patients: weekly templates per office, and the exceptions to them.

Times here are wall-clock times in the office's zone (08:00 means 08:00 in
Danville whatever the season); the slot finder turns them into UTC per date, so
daylight-saving days come out right.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from clinic.models import Office, StaffProfile


class Weekday(models.IntegerChoices):
    MONDAY = 0, "Monday"
    TUESDAY = 1, "Tuesday"
    WEDNESDAY = 2, "Wednesday"
    THURSDAY = 3, "Thursday"
    FRIDAY = 4, "Friday"
    SATURDAY = 5, "Saturday"
    SUNDAY = 6, "Sunday"


class AvailabilityQuerySet(models.QuerySet):
    def in_effect_between(self, first: datetime.date, last: datetime.date) -> "AvailabilityQuerySet":
        return self.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=first), valid_from__lte=last)


class Availability(models.Model):
    """A provider's regular weekly session at one office, e.g. Tuesdays 08:00-12:00 in Danville."""

    provider = models.ForeignKey(StaffProfile, on_delete=models.CASCADE, related_name="availabilities")
    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="availabilities")
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)
    start_time = models.TimeField()
    end_time = models.TimeField()
    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True, help_text="Last day this session runs; empty means ongoing.")

    objects = AvailabilityQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "availability"
        ordering = ["provider", "weekday", "start_time"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=models.F("start_time")), name="availability_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="availability_valid_range",
            ),
            models.CheckConstraint(condition=Q(weekday__gte=0, weekday__lte=6), name="availability_weekday_valid"),
        ]
        indexes = [
            # The slot finder: every session at these offices in effect during the searched dates.
            models.Index(fields=["office", "weekday", "valid_from"], name="availability_office_weekday"),
        ]

    def __str__(self) -> str:
        return (
            f"{self.provider} · {self.office} · {self.get_weekday_display()} "
            f"{self.start_time:%H:%M}-{self.end_time:%H:%M}"
        )

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            errors["end_time"] = "The session must end after it starts."
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            errors["valid_to"] = "The last day cannot be before the first."
        if self.provider_id and self.office_id and not self.provider.works_at(self.office):
            errors["office"] = f"{self.provider} does not work at {self.office}."
        if errors:
            raise ValidationError(errors)
        if self.provider_id and self.weekday is not None and self.start_time and self.end_time and self.valid_from:
            clash = (
                Availability.objects.filter(
                    provider_id=self.provider_id,
                    weekday=self.weekday,
                    start_time__lt=self.end_time,
                    end_time__gt=self.start_time,
                )
                .in_effect_between(self.valid_from, self.valid_to or datetime.date.max)
                .exclude(pk=self.pk)
                .select_related("office")
                .first()
            )
            if clash:
                raise ValidationError(f"This overlaps {self.provider}'s session at {clash.office} ({clash}).")

    def runs_on(self, day: datetime.date) -> bool:
        return (
            day.weekday() == self.weekday and self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)
        )


class AvailabilityExceptionQuerySet(models.QuerySet):
    def touching(self, first: datetime.date, last: datetime.date) -> "AvailabilityExceptionQuerySet":
        return self.filter(date__lte=last, end_date__gte=first)


class AvailabilityException(models.Model):
    """A change to the weekly pattern: time off, an office closed, or an extra session."""

    class Kind(models.TextChoices):
        TIME_OFF = "time_off", "Time off"
        OFFICE_CLOSED = "office_closed", "Office closed"
        EXTRA_SESSION = "extra_session", "Extra session"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    provider = models.ForeignKey(
        StaffProfile, on_delete=models.CASCADE, null=True, blank=True, related_name="availability_exceptions"
    )
    office = models.ForeignKey(
        Office,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="availability_exceptions",
        help_text="For time off, leave empty to mean every office.",
    )
    date = models.DateField()
    end_date = models.DateField(help_text="The same as the date for a single day.")
    start_time = models.TimeField(null=True, blank=True, help_text="Empty for the whole day.")
    end_time = models.TimeField(null=True, blank=True)
    note = models.CharField(max_length=200, blank=True)

    objects = AvailabilityExceptionQuerySet.as_manager()

    class Meta:
        ordering = ["date", "start_time"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["time_off", "office_closed", "extra_session"]),
                name="availability_exception_kind_valid",
            ),
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("date")), name="availability_exception_dates_ordered"
            ),
            models.CheckConstraint(
                condition=Q(start_time__isnull=True, end_time__isnull=True)
                | Q(start_time__isnull=False, end_time__isnull=False, end_time__gt=models.F("start_time")),
                name="availability_exception_times_paired",
            ),
            models.CheckConstraint(
                condition=~Q(kind="time_off") | Q(provider__isnull=False), name="availability_time_off_has_provider"
            ),
            models.CheckConstraint(
                condition=~Q(kind="office_closed") | Q(office__isnull=False, provider__isnull=True),
                name="availability_closure_is_office_wide",
            ),
            models.CheckConstraint(
                condition=~Q(kind="extra_session")
                | Q(
                    provider__isnull=False,
                    office__isnull=False,
                    start_time__isnull=False,
                    end_date=models.F("date"),
                ),
                name="availability_extra_session_complete",
            ),
            # The same closure twice would list the same patients twice and say nothing new.
            models.UniqueConstraint(
                fields=["office", "date", "end_date"],
                condition=Q(kind="office_closed", start_time__isnull=True),
                name="availability_closure_once",
                violation_error_message="This office is already closed for those days.",
            ),
            models.UniqueConstraint(
                fields=["office", "date", "end_date", "start_time", "end_time"],
                condition=Q(kind="office_closed", start_time__isnull=False),
                name="availability_timed_closure_once",
                violation_error_message="This office is already closed for those hours.",
            ),
        ]
        indexes = [
            # The slot finder: exceptions overlapping the searched dates.
            models.Index(fields=["date", "end_date"], name="availability_exception_dates"),
        ]

    def __str__(self) -> str:
        who = self.provider or self.office
        span = f"{self.date}" if self.end_date == self.date else f"{self.date} to {self.end_date}"
        hours = f" {self.start_time:%H:%M}-{self.end_time:%H:%M}" if self.start_time and self.end_time else ""
        return f"{self.get_kind_display()} · {who} · {span}{hours}"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.date and self.end_date and self.end_date < self.date:
            errors["end_date"] = "The last day cannot be before the first."
        if (self.start_time is None) != (self.end_time is None):
            errors["end_time"] = "Give both a start and an end time, or neither for the whole day."
        elif self.start_time and self.end_time and self.end_time <= self.start_time:
            errors["end_time"] = "The end time must be after the start time."
        if self.kind == self.Kind.TIME_OFF and not self.provider_id:
            errors["provider"] = "Time off is for a provider."
        if self.kind == self.Kind.OFFICE_CLOSED:
            if not self.office_id:
                errors["office"] = "Say which office is closed."
            if self.provider_id:
                errors["provider"] = "An office closure applies to everyone; leave the provider empty."
        if self.kind == self.Kind.EXTRA_SESSION:
            if not (self.provider_id and self.office_id):
                errors["office"] = "An extra session needs a provider and an office."
            if not self.start_time:
                errors["start_time"] = "An extra session needs its hours."
            if self.date and self.end_date and self.end_date != self.date:
                errors["end_date"] = "An extra session is one day; add one per day."
            if self.provider_id and self.office_id and not self.provider.works_at(self.office):
                errors["office"] = f"{self.provider} does not work at {self.office}."
        if errors:
            raise ValidationError(errors)
