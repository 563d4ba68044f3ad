from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "intake"

    def ready(self) -> None:
        from clinic import audit
        from intake import navigation
        from intake.models import IntakeRecord, Patient, ScreeningSubmission

        # Patients, their screenings and their questionnaires are PHI: every
        # create, change and delete is audited.
        audit.register(Patient)
        audit.register(ScreeningSubmission)
        audit.register(IntakeRecord)
        navigation.register_intake()
