from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "intake"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from intake.models import Patient

        # Patient records are PHI: every create, change and delete is audited.
        auditlog.register(Patient)
