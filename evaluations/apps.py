from django.apps import AppConfig
from django.db.models.signals import post_migrate


class EvaluationsConfig(AppConfig):
    name = "evaluations"

    def ready(self) -> None:
        from clinic import audit
        from evaluations import panels, triggers
        from evaluations.models import (
            Addendum,
            Diagnosis,
            DuplexStudy,
            Evaluation,
            GateOverride,
            Icd10Code,
            LegAssessment,
            PayerCriterion,
            PayerRuleSet,
            PlanItem,
            PriorAuthorization,
            SegmentFinding,
            TreatmentPlan,
            WellsAssessment,
        )

        # Studies, notes, diagnoses and plans are PHI; payer rules and the code list are not,
        # but who changed them matters.
        for model in (
            DuplexStudy,
            SegmentFinding,
            Evaluation,
            LegAssessment,
            Addendum,
            Diagnosis,
            TreatmentPlan,
            PlanItem,
            PriorAuthorization,
            GateOverride,
            PayerRuleSet,
            PayerCriterion,
            WellsAssessment,
            Icd10Code,
        ):
            audit.register(model)
        panels.register()
        post_migrate.connect(triggers.reinstall_after_migrate, sender=self, dispatch_uid="evaluations.triggers")
