from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_migrate


class ClinicConfig(AppConfig):
    default = True
    name = "clinic"
    verbose_name = "Clinic"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in
        from django_otp.plugins.otp_static.models import StaticDevice
        from django_otp.plugins.otp_totp.models import TOTPDevice
        from django_otp_webauthn.models import WebAuthnCredential

        from clinic import audit, navigation
        from clinic.models import FormDraft, StaffProfile
        from clinic.roles import sync_role_groups
        from clinic.signin.middleware import mark_signed_in

        post_migrate.connect(sync_role_groups, dispatch_uid="clinic.sync_role_groups")
        user_logged_in.connect(mark_signed_in, dispatch_uid="clinic.signin.mark_signed_in")
        # Staff records are not PHI but who-changed-whose-NPI is still worth a trail.
        audit.register(StaffProfile, m2m_fields={"offices"})
        # Drafts hold what was typed into notes: PHI, so on the trail like the notes themselves.
        audit.register(FormDraft, exclude_fields=["saved_at"])
        # Who enrolled, confirmed or reset whose second factor, and when. Only these
        # fields: never the secret, and not the counters every sign-in moves.
        for device_model in (TOTPDevice, StaticDevice, WebAuthnCredential):
            audit.register(device_model, include_fields=["user", "name", "confirmed"])
        navigation.register_core()


class ClinicAdminConfig(admin_apps.AdminConfig):
    """The Django admin, reachable by clinic admins only (see ClinicAdminSite)."""

    default = False
    default_site = "clinic.admin_site.ClinicAdminSite"
