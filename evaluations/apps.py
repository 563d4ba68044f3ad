from django.apps import AppConfig


class EvaluationsConfig(AppConfig):
    name = "evaluations"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from evaluations import panels
        from evaluations.models import (
            Addendum,
            DuplexStudy,
            Evaluation,
            LegAssessment,
            PayerCriterion,
            PayerRuleSet,
            PlanItem,
            SegmentFinding,
            TreatmentPlan,
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
            PayerRuleSet,
            PayerCriterion,
        ):
            auditlog.register(model)
        panels.register()
