from django.apps import AppConfig


class SchedulingConfig(AppConfig):
    name = "scheduling"
    verbose_name = "Scheduling"

    def ready(self) -> None:
        from clinic import audit
        from scheduling import navigation
        from scheduling.models import Appointment, BookingRequest, WaitlistEntry

        # Who is booked when and where, and who is waiting, is PHI.
        audit.register(Appointment, exclude_fields=["updated_at"])
        audit.register(WaitlistEntry)
        audit.register(BookingRequest)
        navigation.register()
