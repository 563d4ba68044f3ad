from django.contrib import admin
from django.http import HttpRequest

from clinic.admin_site import AuditedReadsAdmin
from scheduling.models import (
    Appointment,
    AppointmentEvent,
    AppointmentType,
    Availability,
    AvailabilityException,
    OfficeBookingPolicy,
    ReminderTemplate,
)


@admin.register(AppointmentType)
class AppointmentTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "duration_minutes", "provider_role", "room_kind", "is_active"]
    list_filter = ["provider_role", "room_kind", "is_active"]
    prepopulated_fields = {"code": ["name"]}

    def has_delete_permission(self, request: HttpRequest, obj: AppointmentType | None = None) -> bool:
        # Types carry booked history; retire them with is_active instead.
        return False


@admin.register(Availability)
class AvailabilityAdmin(admin.ModelAdmin):
    list_display = ["provider", "office", "weekday", "start_time", "end_time", "valid_from", "valid_to"]
    list_filter = ["office", "weekday"]
    list_select_related = ["provider__user", "office"]
    autocomplete_fields = ["provider"]


@admin.register(AvailabilityException)
class AvailabilityExceptionAdmin(admin.ModelAdmin):
    list_display = ["kind", "provider", "office", "date", "end_date", "start_time", "end_time", "note"]
    list_filter = ["kind", "office"]
    list_select_related = ["provider__user", "office"]
    autocomplete_fields = ["provider"]
    date_hierarchy = "date"


class AppointmentEventInline(admin.TabularInline):
    model = AppointmentEvent
    extra = 0
    can_delete = False
    readonly_fields = [f.name for f in AppointmentEvent._meta.fields]

    def has_add_permission(self, request: HttpRequest, obj: Appointment | None = None) -> bool:
        return False


@admin.register(Appointment)
class AppointmentAdmin(AuditedReadsAdmin):
    """Read-only: appointments change through the booking pages, which keep the history."""

    list_display = ["start", "appointment_type", "office", "provider", "room", "status"]
    list_filter = ["status", "office", "appointment_type"]
    list_select_related = ["appointment_type", "office", "provider__user", "room__office"]
    date_hierarchy = "start"
    inlines = [AppointmentEventInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Appointment | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Appointment | None = None) -> bool:
        return False


@admin.register(OfficeBookingPolicy)
class OfficeBookingPolicyAdmin(admin.ModelAdmin):
    list_display = ["office", "mode", "notice_hours", "horizon_days"]
    list_select_related = ["office"]
    filter_horizontal = ["appointment_types"]


@admin.register(ReminderTemplate)
class ReminderTemplateAdmin(admin.ModelAdmin):
    """The words patients receive, per kind, channel and language. Rows are seeded; edit, don't delete."""

    list_display = ["kind", "channel", "language", "subject", "updated_at"]
    list_filter = ["kind", "channel", "language"]
    readonly_fields = ["kind", "channel", "language"]
    fields = ["kind", "channel", "language", "subject", "body"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: ReminderTemplate | None = None) -> bool:
        return False
