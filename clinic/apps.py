from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_migrate


class ClinicConfig(AppConfig):
    default = True
    name = "clinic"
    verbose_name = "Clinic"

    def ready(self) -> None:
        from clinic import (
            append_only,
            audit,
            checks,  # noqa: F401  (registers veinflow.E003-E005 on import)
            navigation,
        )
        from clinic.models import StaffProfile
        from clinic.roles import sync_role_groups

        post_migrate.connect(sync_role_groups, dispatch_uid="clinic.sync_role_groups")
        post_migrate.connect(append_only.reinstall_after_migrate, sender=self, dispatch_uid="clinic.append_only")
        append_only.connect()
        # Staff records are not PHI but who-changed-whose-NPI is still worth a trail.
        audit.register(StaffProfile, m2m_fields={"offices"})
        navigation.register_core()


class ClinicAdminConfig(admin_apps.AdminConfig):
    """The Django admin, reachable by clinic admins only (see ClinicAdminSite)."""

    default = False
    default_site = "clinic.admin_site.ClinicAdminSite"
