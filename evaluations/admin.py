"""Payer rule sets are edited here by clinic admins; clinical records are not (they have their own pages)."""

from django import forms
from django.contrib import admin

from evaluations.models import PayerCriterion, PayerRuleSet
from evaluations.rules.procedures import PROCEDURES, ItemKind
from evaluations.rules.segments import Segment


class PayerCriterionForm(forms.ModelForm):
    procedures = forms.MultipleChoiceField(
        choices=[(k.value, k.label) for k in ItemKind if k in PROCEDURES],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Only these procedures (none ticked: all).",
    )
    segments = forms.MultipleChoiceField(
        choices=Segment.choices,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        required=False,
        help_text="Only when treating these veins (none chosen: all).",
    )

    class Meta:
        model = PayerCriterion
        fields = [
            "order",
            "kind",
            "label",
            "number",
            "procedures",
            "segments",
            "measure_at",
            "at_junction",
            "waive_vcss_at_least",
            "waive_c4_to_c6",
            "waive_ulcer",
            "waive_bleeding",
            "waive_thrombophlebitis",
            "waive_recurrence",
        ]


class PayerCriterionInline(admin.StackedInline):
    model = PayerCriterion
    form = PayerCriterionForm
    extra = 0


@admin.register(PayerRuleSet)
class PayerRuleSetAdmin(admin.ModelAdmin):
    list_display = ["name", "policy", "payer_names", "requires_prior_authorization", "is_active", "updated_at"]
    list_filter = ["is_active", "requires_prior_authorization"]
    search_fields = ["name", "policy", "payer_names"]
    inlines = [PayerCriterionInline]
