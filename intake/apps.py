from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "intake"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from intake import navigation
        from intake.models import (
            IdentityChangeRequest,
            IntakeDraft,
            IntakeRecord,
            Patient,
            PortalInvitation,
            ScreeningSubmission,
        )

        # Patients, their screenings and their questionnaires are PHI: every
        # create, change and delete is audited.
        auditlog.register(Patient)
        auditlog.register(ScreeningSubmission)
        auditlog.register(IntakeRecord)
        # Who was invited to the portal, and what a patient asked to change, are PHI too.
        auditlog.register(PortalInvitation, exclude_fields=["key"])
        auditlog.register(IntakeDraft)
        auditlog.register(IdentityChangeRequest)
        navigation.register_intake()
