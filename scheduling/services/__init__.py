"""Scheduling workflows other apps call: book, move, cancel, change status, find slots, remind."""

from scheduling.services.booking import book_appointment, cancel_appointment, change_status, reschedule_appointment
from scheduling.services.reminders import schedule_compression_trial_reminder, schedule_symptom_survey_reminders
from scheduling.services.slots import Slot, find_slots, next_slots

__all__ = [
    "Slot",
    "book_appointment",
    "cancel_appointment",
    "change_status",
    "find_slots",
    "next_slots",
    "reschedule_appointment",
    "schedule_compression_trial_reminder",
    "schedule_symptom_survey_reminders",
]
