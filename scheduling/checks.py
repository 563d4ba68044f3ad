"""System checks for the SMS backend: it imports, it accepts its configuration, replies can come in.

Registered under clinic.checks.TAG, so servers and workers run them at start-up too.
"""

from typing import Any

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from clinic.checks import TAG
from scheduling.reminders.sms import BaseSmsBackend
from scheduling.reminders.sms.twilio import TwilioSmsBackend


@checks.register(TAG)
def check_sms_backend(**kwargs: Any) -> list[checks.CheckMessage]:
    try:
        backend = import_string(settings.SMS_BACKEND)
    except ImportError as error:
        backend = None
        reason = f"cannot be imported: {error}"
    else:
        reason = "is not an SMS backend (scheduling.reminders.sms.BaseSmsBackend)"
    if not (isinstance(backend, type) and issubclass(backend, BaseSmsBackend)):
        return [checks.Error(f"SMS_BACKEND {settings.SMS_BACKEND!r} {reason}.", id="veinflow.E001")]
    try:
        # Building one reads its settings and nothing more (no network).
        backend()
    except ImproperlyConfigured as error:
        return [checks.Error(str(error), id="veinflow.E002")]
    if issubclass(backend, TwilioSmsBackend) and not settings.SMS_WEBHOOK_SECRET:
        return [
            checks.Warning(
                "SMS_WEBHOOK_SECRET is empty, so every STOP or START reply at /hooks/sms/inbound/ is refused.",
                hint="Leave it unset to use TWILIO_AUTH_TOKEN, which is what Twilio signs its requests with.",
                id="veinflow.W001",
            )
        ]
    return []
