from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "intake"

    def ready(self) -> None:
        from clinic import audit
        from intake import navigation
        from intake.models import (
            Allergy,
            IdentityChangeRequest,
            IntakeDraft,
            IntakeRecord,
            Patient,
            PortalInvitation,
            ScreeningSubmission,
            SymptomScore,
        )

        # Patients, their screenings and their questionnaires are PHI: every
        # create, change and delete is audited.
        audit.register(Patient)
        audit.register(ScreeningSubmission)
        audit.register(IntakeRecord)
        audit.register(Allergy)
        audit.register(SymptomScore)
        # Who was invited to the portal, and what a patient asked to change, are PHI too.
        audit.register(PortalInvitation, exclude_fields=["key"])
        audit.register(IntakeDraft)
        audit.register(IdentityChangeRequest)
        navigation.register_intake()
