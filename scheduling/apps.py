from django.apps import AppConfig


class SchedulingConfig(AppConfig):
    name = "scheduling"
    verbose_name = "Scheduling"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from scheduling import navigation
        from scheduling.models import Appointment, BookingRequest, WaitlistEntry

        # Who is booked when and where, and who is waiting, is PHI.
        auditlog.register(Appointment, exclude_fields=["updated_at"])
        auditlog.register(WaitlistEntry)
        auditlog.register(BookingRequest)
        navigation.register()
