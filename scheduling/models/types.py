"""Appointment types: what a visit needs (who, which room, how long) and how to remind."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Mod
from django.db.models.lookups import Exact

from clinic.models import Room
from clinic.roles import Role


class ProviderRole(models.TextChoices):
    """The roles that can see a patient on their own schedule."""

    PHYSICIAN = Role.PHYSICIAN.value, Role.PHYSICIAN.label
    SONOGRAPHER = Role.SONOGRAPHER.value, Role.SONOGRAPHER.label


class ReminderKind(models.TextChoices):
    REMINDER = "reminder", "Appointment reminder"
    PREPARATION = "preparation", "Preparation instructions"
    AFTERCARE_CHECK = "aftercare_check", "Check after the visit"


class ReminderChannel(models.TextChoices):
    EMAIL = "email", "Email"
    SMS = "sms", "SMS"


# A reminder more than 30 days before, or a check more than 7 days after, is a
# different workflow (recall, follow-up visit), not a reminder of this booking.
REMINDER_EARLIEST_HOURS = 30 * 24
REMINDER_LATEST_AFTER_HOURS = 7 * 24


def validate_reminder_policy(value: Any) -> None:
    """A list of {"kind", "channel", "offset_hours"} rules.

    ``offset_hours`` counts back from the start: 72 means three days before; a
    negative number means after the start (-24: the day after a procedure).
    """
    if not isinstance(value, list):
        raise ValidationError("The reminder policy is a list of rules.")
    seen = set()
    for index, rule in enumerate(value, start=1):
        if not isinstance(rule, dict) or set(rule) != {"kind", "channel", "offset_hours"}:
            raise ValidationError(f"Rule {index} needs exactly kind, channel and offset_hours.")
        if rule["kind"] not in ReminderKind.values:
            raise ValidationError(f"Rule {index}: kind must be one of {', '.join(ReminderKind.values)}.")
        if rule["channel"] not in ReminderChannel.values:
            raise ValidationError(f"Rule {index}: channel must be one of {', '.join(ReminderChannel.values)}.")
        offset = rule["offset_hours"]
        if isinstance(offset, bool) or not isinstance(offset, int):
            raise ValidationError(f"Rule {index}: offset_hours must be a whole number of hours.")
        if not -REMINDER_LATEST_AFTER_HOURS <= offset <= REMINDER_EARLIEST_HOURS:
            raise ValidationError(
                f"Rule {index}: offset_hours must be between {-REMINDER_LATEST_AFTER_HOURS} "
                f"and {REMINDER_EARLIEST_HOURS}."
            )
        key = (rule["kind"], rule["channel"], offset)
        if key in seen:
            raise ValidationError(f"Rule {index} repeats an earlier rule.")
        seen.add(key)


class CalendarColour(models.TextChoices):
    """Colours the calendar draws blocks in; the palette lives in scheduling.css."""

    BLUE = "blue", "Blue"
    TEAL = "teal", "Teal"
    PURPLE = "purple", "Purple"
    ORANGE = "orange", "Orange"
    GREEN = "green", "Green"
    PINK = "pink", "Pink"
    GREY = "grey", "Grey"


# Fill colours for the server-drawn calendar, readable with black text.
COLOUR_FILLS = {
    CalendarColour.BLUE: "#cfe2ff",
    CalendarColour.TEAL: "#c6f0ec",
    CalendarColour.PURPLE: "#e2d9f3",
    CalendarColour.ORANGE: "#ffe5d0",
    CalendarColour.GREEN: "#d1e7dd",
    CalendarColour.PINK: "#f7d6e6",
    CalendarColour.GREY: "#e9ecef",
}


class AppointmentTypeQuerySet(models.QuerySet):
    def active(self) -> "AppointmentTypeQuerySet":
        return self.filter(is_active=True)


class AppointmentType(models.Model):
    code = models.SlugField(max_length=40, unique=True, help_text="Stable name other parts of VeinFlow refer to.")
    name = models.CharField(max_length=80, unique=True)
    duration_minutes = models.PositiveSmallIntegerField(
        help_text="Whole minutes, in steps of five (the calendar's grid)."
    )
    provider_role = models.CharField(max_length=20, choices=ProviderRole.choices)
    room_kind = models.CharField(max_length=20, choices=Room.Kind.choices)
    preparation_instructions = models.TextField(
        blank=True, help_text="Shown to the patient and sent with the preparation reminder."
    )
    reminder_policy = models.JSONField(
        default=list,
        blank=True,
        validators=[validate_reminder_policy],
        help_text='A list such as [{"kind": "reminder", "channel": "email", "offset_hours": 72}]; '
        "negative hours are after the start.",
    )
    follows_within_hours = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="If set, this visit must happen within this many hours of the procedure it follows "
        "(post-ablation duplex: 72).",
    )
    colour = models.CharField(max_length=10, choices=CalendarColour.choices, default=CalendarColour.BLUE)
    sort_order = models.PositiveSmallIntegerField(default=100)
    is_active = models.BooleanField(default=True)

    objects = AppointmentTypeQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "name"]
        constraints = [
            # The calendar and slot grid are five-minute based; a day is the longest visit.
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=5, duration_minutes__lte=480),
                name="appointment_type_duration_range",
            ),
            models.CheckConstraint(
                condition=Exact(Mod("duration_minutes", 5), 0), name="appointment_type_duration_five_minute_steps"
            ),
            models.CheckConstraint(
                condition=Q(provider_role__in=ProviderRole.values), name="appointment_type_provider_role_valid"
            ),
            models.CheckConstraint(
                condition=Q(room_kind__in=Room.Kind.values), name="appointment_type_room_kind_valid"
            ),
            models.CheckConstraint(condition=Q(colour__in=CalendarColour.values), name="appointment_type_colour_valid"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.duration_minutes and self.duration_minutes % 5:
            raise ValidationError({"duration_minutes": "Use a multiple of five minutes."})

    @property
    def fill(self) -> str:
        return COLOUR_FILLS.get(self.colour, COLOUR_FILLS[CalendarColour.GREY])
