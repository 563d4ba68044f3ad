from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_migrate


class ClinicConfig(AppConfig):
    default = True
    name = "clinic"
    verbose_name = "Clinic"

    def ready(self) -> None:
        from django.contrib.auth import get_user_model
        from django.contrib.auth.models import Group
        from django.contrib.auth.signals import user_logged_in
        from django_otp.plugins.otp_static.models import StaticDevice
        from django_otp.plugins.otp_totp.models import TOTPDevice
        from django_otp_webauthn.models import WebAuthnCredential

        from clinic import (
            append_only,
            audit,
            checks,  # noqa: F401  (registers veinflow.E003-E005 on import)
            navigation,
        )
        from clinic.models import FormDraft, StaffProfile
        from clinic.roles import sync_role_groups
        from clinic.signin.middleware import mark_signed_in

        post_migrate.connect(sync_role_groups, dispatch_uid="clinic.sync_role_groups")
        post_migrate.connect(append_only.reinstall_after_migrate, sender=self, dispatch_uid="clinic.append_only")
        append_only.connect()
        _refuse_dates_outside_the_calendar()
        # Staff records are not PHI but who-changed-whose-NPI is still worth a trail.
        audit.register(StaffProfile, m2m_fields={"offices"})
        # Accounts are how PHI is reached: creation, deactivation (is_active), a role
        # change (groups) and a password set are all recorded; the hash itself never is.
        # last_login changes on every sign-in and is left to the sign-in records.
        audit.register(
            get_user_model(),
            m2m_fields={"groups", "user_permissions"},
            exclude_fields=["last_login"],
            mask_fields=["password"],
            mask_callable="clinic.audit.hide_secret",
        )
        # A role is a group: what it grants is recorded as it changes.
        audit.register(Group, m2m_fields={"permissions"})
        user_logged_in.connect(mark_signed_in, dispatch_uid="clinic.signin.mark_signed_in")
        # Drafts hold what was typed into notes: PHI, so on the trail like the notes themselves.
        audit.register(FormDraft, exclude_fields=["saved_at"])
        # Who enrolled, confirmed or reset whose second factor, and when. Only these
        # fields: never the secret, and not the counters every sign-in moves.
        for device_model in (TOTPDevice, StaticDevice, WebAuthnCredential):
            audit.register(device_model, include_fields=["user", "name", "confirmed"])
        navigation.register_core()


def _refuse_dates_outside_the_calendar() -> None:
    """Every date and date-time form field, the admin's included, refuses a date outside
    1800-2199 with a form error (clinic.dates): set once here rather than on each of
    the many forms and model fields, so a new form cannot forget it."""
    from django import forms

    from clinic.dates import validate_calendar_date

    for field in (forms.DateField, forms.DateTimeField):
        if validate_calendar_date not in field.default_validators:
            field.default_validators = [*field.default_validators, validate_calendar_date]


class ClinicAdminConfig(admin_apps.AdminConfig):
    """The Django admin, reachable by clinic admins only (see ClinicAdminSite)."""

    default = False
    default_site = "clinic.admin_site.ClinicAdminSite"
