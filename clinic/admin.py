from auditlog.admin import LogEntryAdmin
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.http import HttpRequest

from clinic.admin_site import ReadOnlyAdmin
from clinic.models import AuditEntry, Office, Room, StaffProfile


class RoomInline(admin.TabularInline):
    model = Room
    extra = 0


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    list_display = ["name", "city", "state", "phone", "time_zone", "is_active"]
    list_filter = ["state", "is_active"]
    search_fields = ["name", "city"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [RoomInline]

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        # Offices carry appointment history; deactivate instead.
        return False


@admin.register(Room)
class RoomAdmin(admin.ModelAdmin):
    list_display = ["name", "office", "kind", "is_active"]
    list_filter = ["office", "kind", "is_active"]
    list_select_related = ["office"]


@admin.register(StaffProfile)
class StaffProfileAdmin(admin.ModelAdmin):
    list_display = ["display_name", "credentials", "npi", "home_office"]
    list_select_related = ["user", "home_office"]
    list_filter = ["home_office", "user__groups"]
    search_fields = ["user__first_name", "user__last_name", "npi"]
    filter_horizontal = ["offices"]
    autocomplete_fields = ["user"]


admin.site.unregister(AuditEntry)


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin, LogEntryAdmin):
    """Read-only, whatever the user's permissions: the trail is append-only."""


admin.site.unregister(User)


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    """Clinic admins manage accounts and roles, but cannot mint superusers or
    hand out individual permissions: access is granted through role groups only."""

    def get_readonly_fields(self, request: HttpRequest, obj=None) -> list[str]:
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            readonly += ["is_superuser", "user_permissions", "is_staff"]
        return readonly


# Second-factor devices are managed on the staff sign-in devices page (reset only,
# audited), never edited here: the authenticator key must not be readable by anyone.
def _unregister_device_admins() -> None:
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice
    from django_otp_webauthn.models import WebAuthnAttestation, WebAuthnCredential

    for model in (TOTPDevice, StaticDevice, WebAuthnCredential, WebAuthnAttestation):
        if admin.site.is_registered(model):
            admin.site.unregister(model)


_unregister_device_admins()
