from django.contrib import admin
from django.http import HttpRequest

from clinic.admin_site import AuditedReadsAdmin, ReadOnlyAdmin
from intake.models import DrugClass, DrugName, IntakeRecord, Patient, ScreeningSubmission


class DrugNameInline(admin.TabularInline):
    model = DrugName
    extra = 1
    fields = ["name", "generic_name", "is_brand"]


@admin.register(DrugClass)
class DrugClassAdmin(admin.ModelAdmin):
    list_display = ["name", "antithrombotic", "note"]
    list_filter = ["antithrombotic"]
    search_fields = ["name", "names__name"]
    inlines = [DrugNameInline]


@admin.register(DrugName)
class DrugNameAdmin(admin.ModelAdmin):
    list_display = ["name", "generic_name", "drug_class", "is_brand"]
    list_filter = ["drug_class", "is_brand"]
    list_select_related = ["drug_class"]
    search_fields = ["name", "generic_name"]


@admin.register(Patient)
class PatientAdmin(AuditedReadsAdmin):
    list_display = ["last_name", "first_name", "date_of_birth", "phone", "preferred_office"]
    list_select_related = ["preferred_office"]
    list_filter = ["preferred_office", "preferred_language"]
    search_fields = ["last_name", "first_name", "phone", "email"]
    raw_id_fields = ["user"]

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        # A chart is a medical record: it is kept, never deleted.
        return False


@admin.register(ScreeningSubmission)
class ScreeningSubmissionAdmin(AuditedReadsAdmin, ReadOnlyAdmin):
    """Worked from the screening queue, where converting carries the answers over."""

    list_display = ["last_name", "first_name", "submitted_at", "triage_level", "status"]
    list_filter = ["status", "triage_level", "preferred_office"]
    list_select_related = ["preferred_office"]
    search_fields = ["last_name", "first_name", "phone"]


@admin.register(IntakeRecord)
class IntakeRecordAdmin(AuditedReadsAdmin, ReadOnlyAdmin):
    """Intake records accumulate and are never rewritten."""

    list_display = ["patient", "recorded_at", "source", "entered_by"]
    list_select_related = ["patient", "entered_by"]
    list_filter = ["source"]
    raw_id_fields = ["patient", "screening"]
