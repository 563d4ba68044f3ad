from scheduling.models.appointments import (
    ACTIVE_STATUSES,
    Appointment,
    AppointmentEvent,
    AppointmentQuerySet,
    Status,
    local_day_bounds,
)
from scheduling.models.availability import Availability, AvailabilityException, Weekday
from scheduling.models.reminders import (
    ChannelChoice,
    ContactPreference,
    MessageKind,
    Reminder,
    ReminderStatus,
    ReminderTemplate,
    RescheduleRequest,
)
from scheduling.models.self_booking import BookingRequest, OfficeBookingPolicy, SelfBookingMode
from scheduling.models.types import (
    AppointmentType,
    CalendarColour,
    ProviderRole,
    ReminderChannel,
    ReminderKind,
    validate_reminder_policy,
)
from scheduling.models.waitlist import WaitlistEntry

__all__ = [
    "ACTIVE_STATUSES",
    "Appointment",
    "AppointmentEvent",
    "AppointmentQuerySet",
    "AppointmentType",
    "BookingRequest",
    "Availability",
    "AvailabilityException",
    "CalendarColour",
    "OfficeBookingPolicy",
    "ChannelChoice",
    "ContactPreference",
    "MessageKind",
    "Reminder",
    "ReminderStatus",
    "ReminderTemplate",
    "RescheduleRequest",
    "ProviderRole",
    "ReminderChannel",
    "ReminderKind",
    "SelfBookingMode",
    "Status",
    "WaitlistEntry",
    "Weekday",
    "local_day_bounds",
    "validate_reminder_policy",
]
