"""Payer medical-necessity rule sets. Policies change, so they are rows an admin edits."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from evaluations.rules import payer
from evaluations.rules.procedures import PROCEDURES, ItemKind
from evaluations.rules.segments import Segment


class PayerRuleSetQuerySet(models.QuerySet):
    def active(self) -> "PayerRuleSetQuerySet":
        return self.filter(is_active=True)

    def matching(self, payer_name: str) -> "PayerRuleSet | None":
        """The active rule set whose payer names include the patient's insurer, if any."""
        wanted = payer_name.strip().lower()
        if not wanted:
            return None
        for rule_set in self.active():
            if any(name and name in wanted for name in rule_set.payer_name_list):
                return rule_set
        return None


class PayerRuleSet(models.Model):
    name = models.CharField(max_length=80, unique=True)
    policy = models.CharField(max_length=80, blank=True, help_text="Policy the rules follow, e.g. 'CPB 0050'.")
    payer_names = models.CharField(
        max_length=300,
        blank=True,
        help_text="Comma-separated insurer names that use these rules, matched against the patient's insurance.",
    )
    is_active = models.BooleanField(default=True)
    requires_prior_authorization = models.BooleanField(
        default=False,
        help_text="The payer wants an approved authorization number before a procedure; "
        "scheduling is refused without one unless a physician overrides.",
    )
    notes = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PayerRuleSetQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.policy})" if self.policy else self.name

    @property
    def payer_name_list(self) -> list[str]:
        return [n.strip().lower() for n in self.payer_names.split(",") if n.strip()]


class PayerCriterion(models.Model):
    rule_set = models.ForeignKey(PayerRuleSet, on_delete=models.CASCADE, related_name="criteria")
    order = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(max_length=24, choices=payer.CriterionKind.choices)
    label = models.CharField(max_length=200, help_text="As the payer words it; shown on the plan.")
    number = models.DecimalField(
        max_digits=7,
        decimal_places=1,
        null=True,
        blank=True,
        help_text="Months, ms, mm or days, depending on the kind.",
    )
    procedures = models.JSONField(default=list, blank=True, help_text="Only these procedures (empty: all).")
    segments = models.JSONField(default=list, blank=True, help_text="Only when treating these veins (empty: all).")
    measure_at = models.CharField(
        max_length=5, choices=Segment.choices, blank=True, help_text="Measure at this segment instead of the target."
    )
    at_junction = models.BooleanField(default=False, help_text="Reflux is read at the target's saphenous junction.")
    waive_vcss_at_least = models.PositiveSmallIntegerField(null=True, blank=True)
    waive_c4_to_c6 = models.BooleanField("waived for C4-C6", default=False)
    waive_ulcer = models.BooleanField("waived for ulcer", default=False)
    waive_bleeding = models.BooleanField("waived for bleeding", default=False)
    waive_thrombophlebitis = models.BooleanField("waived for recurrent thrombophlebitis", default=False)
    waive_recurrence = models.BooleanField("waived for recurrence after prior treatment", default=False)

    class Meta:
        ordering = ["rule_set", "order", "pk"]
        verbose_name_plural = "payer criteria"
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind__in=sorted(payer.NEEDS_NUMBER)) | Q(number__isnull=False, number__gt=0),
                name="criterion_number_when_needed",
            ),
            models.CheckConstraint(condition=Q(kind__in=payer.CriterionKind.values), name="criterion_kind_known"),
        ]

    def __str__(self) -> str:
        return self.label

    def clean(self) -> None:
        if self.kind in payer.NEEDS_NUMBER and not self.number:
            raise ValidationError({"number": "This kind of criterion needs its number (months, ms, mm or days)."})
        unknown = [p for p in self.procedures if p not in PROCEDURES]
        if unknown:
            raise ValidationError({"procedures": f"Not procedures: {', '.join(unknown)}."})
        bad = [s for s in self.segments if s not in Segment.values]
        if bad:
            raise ValidationError({"segments": f"Not segments: {', '.join(bad)}."})

    def to_rule(self) -> payer.Rule:
        return payer.Rule(
            kind=self.kind,
            label=self.label,
            number=self.number,
            procedures=tuple(self.procedures),
            segments=tuple(self.segments),
            measure_at=self.measure_at,
            at_junction=self.at_junction,
            waive_vcss_at_least=self.waive_vcss_at_least,
            waive_c4_to_c6=self.waive_c4_to_c6,
            waive_ulcer=self.waive_ulcer,
            waive_bleeding=self.waive_bleeding,
            waive_thrombophlebitis=self.waive_thrombophlebitis,
            waive_recurrence=self.waive_recurrence,
        )


__all__ = ["ItemKind", "PayerCriterion", "PayerRuleSet"]
