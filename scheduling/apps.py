from django.apps import AppConfig


class SchedulingConfig(AppConfig):
    name = "scheduling"
    verbose_name = "Scheduling"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from scheduling import navigation
        from scheduling.models import Appointment, ContactPreference, Reminder, RescheduleRequest, WaitlistEntry

        # Who is booked when and where, and who is waiting, is PHI.
        auditlog.register(Appointment, exclude_fields=["updated_at"])
        auditlog.register(WaitlistEntry)
        # Reminder rows name a patient and a time; preferences and requests are the patient's.
        # Dispatch's state changes are conditional UPDATEs (not logged); the desk's edits are.
        auditlog.register(Reminder, exclude_fields=["updated_at", "claim_token", "lease_until"])
        auditlog.register(ContactPreference, exclude_fields=["updated_at"])
        auditlog.register(RescheduleRequest)
        navigation.register()
