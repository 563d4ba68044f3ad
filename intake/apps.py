from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "intake"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from intake import navigation
        from intake.models import IntakeRecord, Patient, ScreeningSubmission

        # Patients, their screenings and their questionnaires are PHI: every
        # create, change and delete is audited.
        auditlog.register(Patient)
        auditlog.register(ScreeningSubmission)
        auditlog.register(IntakeRecord)
        navigation.register_intake()
