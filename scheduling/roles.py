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

GRANTS = {
    # The front desk books, moves, cancels and checks in, and keeps the waitlist.
    Role.FRONT_DESK: [
        *_READ,
        "scheduling.add_appointment",
        "scheduling.change_appointment",
        "scheduling.view_waitlistentry",
        "scheduling.add_waitlistentry",
        "scheduling.change_waitlistentry",
        *_REMINDERS,
    ],
    # Providers read the schedule and close their own visits (complete, no-show).
    Role.SONOGRAPHER: [*_READ, "scheduling.change_appointment"],
    Role.PHYSICIAN: [*_READ, "scheduling.change_appointment"],
    # Schedules and appointment types are the clinic admin's; the front desk books into them.
    Role.CLINIC_ADMIN: [
        *_READ,
        "scheduling.add_appointment",
        "scheduling.change_appointment",
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
