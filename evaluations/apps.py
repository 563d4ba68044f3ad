from django.apps import AppConfig
from django.db.models.signals import post_migrate


class EvaluationsConfig(AppConfig):
    name = "evaluations"

    def ready(self) -> None:
        from clinic import audit
        from evaluations import panels, triggers
        from evaluations.models import (
            Addendum,
            DuplexStudy,
            Evaluation,
            GateOverride,
            LegAssessment,
            PayerCriterion,
            PayerRuleSet,
            PlanItem,
            PriorAuthorization,
            SegmentFinding,
            TreatmentPlan,
            WellsAssessment,
        )

        # Studies, notes and plans are PHI; payer rules are not, but who changed a policy matters.
        for model in (
            DuplexStudy,
            SegmentFinding,
            Evaluation,
            LegAssessment,
            Addendum,
            TreatmentPlan,
            PlanItem,
            PriorAuthorization,
            GateOverride,
            PayerRuleSet,
            PayerCriterion,
            WellsAssessment,
        ):
            audit.register(model)
        panels.register()
        post_migrate.connect(triggers.reinstall_after_migrate, sender=self, dispatch_uid="evaluations.triggers")
