from django.apps import AppConfig


class SchedulingConfig(AppConfig):
    name = "scheduling"
    verbose_name = "Scheduling"

    def ready(self) -> None:
        from clinic import audit
        from scheduling import (
            checks,  # noqa: F401  (registers veinflow.E001, E002, W001 on import)
            navigation,
        )
        from scheduling.models import (
            Appointment,
            BookingRequest,
            ContactPreference,
            Reminder,
            RescheduleRequest,
            WaitlistEntry,
        )

        # Who is booked when and where, and who is waiting, is PHI.
        audit.register(Appointment, exclude_fields=["updated_at"])
        audit.register(WaitlistEntry)
        audit.register(BookingRequest)
        # Reminder rows name a patient and a time; preferences and requests are the patient's.
        # Dispatch's state changes are conditional UPDATEs (not logged); the desk's edits are.
        audit.register(Reminder, exclude_fields=["updated_at", "claim_token", "lease_until"])
        audit.register(ContactPreference, exclude_fields=["updated_at"])
        audit.register(RescheduleRequest)
        navigation.register()
