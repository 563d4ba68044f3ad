"""Who must pass a second factor, and what a half-signed-in session may still open."""

from typing import Any

from django_otp import user_has_device

from clinic.roles import is_staff_member


def second_factor_required(user: Any) -> bool:
    """Staff always; anyone who can reach the admin site; a patient who turned it on."""
    if not user.is_authenticated:
        return False
    if user.is_superuser or user.is_staff or is_staff_member(user):
        return True
    return has_second_factor(user)


def has_second_factor(user: Any) -> bool:
    cached = getattr(user, "_veinflow_has_device", None)
    if cached is None:
        cached = user_has_device(user, confirmed=True)
        user._veinflow_has_device = cached
    return cached


def is_verified(user: Any) -> bool:
    verified = getattr(user, "is_verified", None)
    return bool(verified and verified())


# What a session that has passed the password but not the second factor may open:
# the second-factor pages themselves, the passkey ceremony, signing out, and the
# pages that need no sign-in at all.
OPEN_VIEWS = frozenset(
    {
        "login",
        "logout",
        "password_reset",
        "password_reset_done",
        "password_reset_confirm",
        "password_reset_complete",
        "healthz",
        "set_language",
        "session_keepalive",
        "second_factor_verify",
        "second_factor_enrol",
        "second_factor_enrol_totp",
    }
)
OPEN_NAMESPACES = frozenset({"otp_webauthn"})
