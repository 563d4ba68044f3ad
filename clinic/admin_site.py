from functools import wraps

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from clinic.audit import log_access, log_access_many
from clinic.roles import Role, has_role


class ClinicAdminSite(admin.AdminSite):
    site_header = "VeinFlow administration"
    site_title = "VeinFlow admin"
    index_title = "Offices, staff, schedules and rules"

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return user.is_active and (user.is_superuser or has_role(user, Role.CLINIC_ADMIN))

    def admin_view(self, view, cacheable: bool = False):
        inner = super().admin_view(view, cacheable)

        @wraps(view)
        def guarded(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            # A signed-in user who is not a clinic admin is refused outright, not
            # bounced to a second login form.
            if request.user.is_authenticated and not self.has_permission(request):
                raise PermissionDenied
            return inner(request, *args, **kwargs)

        return guarded

    def login(self, request: HttpRequest, extra_context=None) -> HttpResponse:
        # One login page for the whole site: it is the one that carries the lock-out.
        if request.user.is_authenticated and not self.has_permission(request):
            raise PermissionDenied
        return redirect_to_login(request.GET.get("next") or reverse("admin:index"))


class AuditedReadsAdmin(admin.ModelAdmin):
    """An admin whose pages show PHI: opening a record, or a list of them, leaves access
    entries as the clinic's own pages do (45 CFR 164.312(b))."""

    def change_view(self, request: HttpRequest, object_id: str, form_url: str = "", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET" and response.status_code == 200:
            context = getattr(response, "context_data", None) or {}
            shown = context.get("original")
            if shown is not None:
                log_access(shown)
        return response

    def changelist_view(self, request: HttpRequest, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = (getattr(response, "context_data", None) or {}).get("cl")
        if changelist is not None:
            log_access_many(changelist.result_list)
        return response


class ReadOnlyAdmin(admin.ModelAdmin):
    """For records the admin may read but never add, change or delete: audit
    entries, screenings worked from the queue, intake records that only accumulate."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
