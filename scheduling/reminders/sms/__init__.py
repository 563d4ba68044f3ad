"""Text messages through a small backend interface, chosen by SMS_BACKEND.

- ``console.ConsoleSmsBackend``: prints (development).
- ``recording.RecordingSmsBackend``: appends to a file, honouring idempotency keys (tests, bench).
- ``twilio.TwilioSmsBackend``: Twilio's REST API (production).
"""

from django.conf import settings
from django.utils.module_loading import import_string

from scheduling.reminders.sms.base import (
    BaseSmsBackend,
    InvalidNumber,
    PermanentSmsError,
    RecipientOptedOut,
    SmsError,
    TransientSmsError,
)


def get_sms_backend() -> BaseSmsBackend:
    return import_string(settings.SMS_BACKEND)()


__all__ = [
    "BaseSmsBackend",
    "InvalidNumber",
    "PermanentSmsError",
    "RecipientOptedOut",
    "SmsError",
    "TransientSmsError",
    "get_sms_backend",
]
