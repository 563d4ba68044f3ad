from clinic.roles import Role

_READ = [
    "scheduling.view_appointment",
    "scheduling.view_appointmenttype",
    "scheduling.view_availability",
    "scheduling.view_availabilityexception",
]

# The desk sees failed messages, retries them, records preferences and handles reschedule requests.
_REMINDERS = [
    "scheduling.view_reminder",
    "scheduling.change_reminder",
    "scheduling.view_contactpreference",
    "scheduling.change_contactpreference",
    "scheduling.view_reschedulerequest",
    "scheduling.change_reschedulerequest",
]

# Booking, moving, cancelling, checking in, and closing any provider's visit.
_DESK = [
    "scheduling.add_appointment",
    "scheduling.change_appointment",
    "scheduling.check_in_appointment",
    "scheduling.cancel_appointment",
    "scheduling.reschedule_appointment",
    "scheduling.close_appointment",
    "scheduling.close_any_appointment",
]

GRANTS = {
    # The front desk books, moves, cancels and checks in, and keeps the waitlist.
    Role.FRONT_DESK: [
        *_READ,
        *_DESK,
        "scheduling.view_waitlistentry",
        "scheduling.add_waitlistentry",
        "scheduling.change_waitlistentry",
        *_REMINDERS,
    ],
    # Providers read the schedule and close their own visits (complete, no-show):
    # Appointment.permits narrows close_appointment to the provider of record.
    Role.SONOGRAPHER: [*_READ, "scheduling.close_appointment"],
    Role.PHYSICIAN: [*_READ, "scheduling.close_appointment"],
    # Schedules and appointment types are the clinic admin's; the front desk books into them.
    Role.CLINIC_ADMIN: [
        *_READ,
        *_DESK,
        "scheduling.change_appointmenttype",
        "scheduling.add_appointmenttype",
        "scheduling.add_availability",
        "scheduling.change_availability",
        "scheduling.delete_availability",
        "scheduling.add_availabilityexception",
        "scheduling.change_availabilityexception",
        "scheduling.delete_availabilityexception",
        "scheduling.view_waitlistentry",
        "scheduling.add_waitlistentry",
        "scheduling.change_waitlistentry",
        "scheduling.view_appointmentevent",
        *_REMINDERS,
        # The words patients receive are the clinic's to edit.
        "scheduling.view_remindertemplate",
        "scheduling.change_remindertemplate",
    ],
}
