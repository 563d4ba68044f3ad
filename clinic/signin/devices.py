"""A person's second-factor devices: enrol, confirm, recovery codes, verify, reset.

The devices are django-otp's: TOTPDevice (authenticator app), StaticDevice (the
one-time recovery codes, each deleted when used) and django-otp-webauthn's
WebAuthnCredential (passkeys). Their creation and deletion are in the audit
trail (clinic.apps registers them), with the actor who did it.
"""

import math
from base64 import b32encode
from typing import Any

import segno
from django.db import transaction
from django.utils import timezone
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

RECOVERY_CODE_COUNT = 10
RECOVERY_DEVICE_NAME = "Recovery codes"
TOTP_DEVICE_NAME = "Authenticator app"


def pending_totp(user: Any) -> TOTPDevice:
    """The unconfirmed authenticator-app device being set up, made once per enrolment."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    return device or TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)


def totp_secret(device: TOTPDevice) -> str:
    """The key as authenticator apps take it when typed: base32, in groups of four."""
    raw = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def qr_svg(uri: str) -> str:
    """The otpauth URI as an inline SVG QR code (no script, no image request: CSP-safe)."""
    return segno.make(uri, error="m").svg_inline(scale=4, dark="#000", light="#fff")


@transaction.atomic
def confirm_totp(*, request: Any, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm an authenticator app with its first code; the session is then verified.

    Returns the new recovery codes (shown once), or None if the code was wrong.
    """
    locked = TOTPDevice.objects.select_for_update().get(pk=device.pk)
    if not locked.verify_token(token):
        return None
    locked.confirmed = True
    locked.save(update_fields=["confirmed"])
    # One authenticator app per person: a new one replaces the old.
    TOTPDevice.objects.filter(user=locked.user).exclude(pk=locked.pk).delete()
    otp_login(request, locked)
    return new_recovery_codes(user=locked.user)


@transaction.atomic
def new_recovery_codes(*, user: Any) -> list[str]:
    """A fresh set of one-time codes; every earlier code stops working."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def has_recovery_codes(user: Any) -> bool:
    return StaticDevice.objects.filter(user=user).exists()


def recovery_codes_left(user: Any) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def verify(*, request: Any, user: Any, token: str) -> Any | None:
    """The device that accepts ``token`` (an app code or a recovery code), marked on the session.

    Each device checks under a row lock, so two tabs cannot use one code twice;
    TOTP refuses a code from a time step already used, a recovery code is deleted on use.
    """
    token = "".join(token.split()).lower()
    if not token:
        return None
    # Six digits are an app code, anything else a recovery code (eight letters and
    # digits): each is tried on its own kind of device only, so a recovery code
    # never counts as a wrong app code (nor starts the app's back-off).
    kind = TOTPDevice if token.isdigit() and len(token) == 6 else StaticDevice
    with transaction.atomic():
        for device in devices_for_user(user, confirmed=True, for_verify=True):
            if not isinstance(device, kind):
                continue
            if device.verify_token(token):
                otp_login(request, device)
                return device
    return None


def seconds_to_wait(device: Any) -> int:
    """How long django-otp pauses ``device`` after wrong codes (1, 2, 4, 8 ... seconds)."""
    allowed, data = device.verify_is_allowed()
    if allowed or not data or "locked_until" not in data:
        return 0
    return max(1, math.ceil((data["locked_until"] - timezone.now()).total_seconds()))


def pause_for(user: Any) -> int:
    app = TOTPDevice.objects.filter(user=user).order_by("-confirmed", "-pk").first()
    return seconds_to_wait(app) if app is not None else 0


def device_summary(user: Any) -> dict[str, Any]:
    return {
        "totp": TOTPDevice.objects.filter(user=user, confirmed=True).first(),
        "passkeys": list(WebAuthnCredential.objects.filter(user=user, confirmed=True).order_by("pk")),
        "recovery_codes_left": recovery_codes_left(user),
    }


@transaction.atomic
def reset_devices(*, user: Any) -> int:
    """Remove every second-factor device of ``user`` (a lost phone or key).

    Their next sign-in enrols afresh; any session they have open is no longer
    verified, because the device it was verified with is gone.
    """
    removed = 0
    for model in (TOTPDevice, StaticDevice, WebAuthnCredential):
        for device in model.objects.filter(user=user):
            device.delete()  # one by one, so each deletion is in the audit trail
            removed += 1
    return removed


def turn_off(*, user: Any) -> int:
    """A patient turning their own second factor off: the same removal."""
    return reset_devices(user=user)
