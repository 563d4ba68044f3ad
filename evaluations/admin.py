"""Payer rule sets are edited here by clinic admins; clinical records are not (they have their own pages)."""

from django import forms
from django.contrib import admin

from evaluations.models import Icd10Code, PayerCriterion, PayerRuleSet
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


@admin.register(Icd10Code)
class Icd10CodeAdmin(admin.ModelAdmin):
    """The codes physicians confirm on notes. Copy code and title from the current ICD-10-CM tabular list;
    retire a code (untick active) instead of deleting it: signed notes keep the codes they were signed with."""

    list_display = ["code", "title", "laterality", "is_active"]
    list_filter = ["is_active", "laterality"]
    search_fields = ["code", "title"]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
