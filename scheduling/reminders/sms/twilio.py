"""Twilio, with the standard library only: sending over the Programmable Messaging REST API,
and checking the signature on the replies Twilio forwards to us.

Configured from TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM_NUMBER.
Twilio's message-create call takes no idempotency key, so the one window in
scheduling.reminders.dispatch (accepted by Twilio, our commit lost) applies to it.

The signature check is a dozen lines rather than the official ``twilio`` package, whose
RequestValidator would bring fifteen packages (aiohttp, requests, PyJWT, ...) into a
PHI system for one HMAC. It follows that validator exactly (sorted names, each repeated
name's values sorted and counted once, the URL tried with and without its port), and
tests/scheduling/test_inbound_sms_signature.py pins it to Twilio's published examples.
"""

import base64
import hashlib
import hmac
import json
import urllib.error
import urllib.parse
import urllib.request

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.datastructures import MultiValueDict

from scheduling.reminders.sms.base import (
    BaseSmsBackend,
    InvalidNumber,
    PermanentSmsError,
    RecipientOptedOut,
    TransientSmsError,
)

API = "https://api.twilio.com/2010-04-01/Accounts/{sid}/Messages.json"
TIMEOUT_SECONDS = 10
# Twilio error codes that mean this number will never take a text from us.
INVALID_NUMBER_CODES = {21211, 21214, 21217, 21219, 21401, 21407, 21408, 21421, 21612, 21614}
# The recipient replied STOP to our sender: Twilio refuses until they reply START.
UNSUBSCRIBED_CODE = 21610


class TwilioSmsBackend(BaseSmsBackend):
    def __init__(self) -> None:
        self.sid = settings.TWILIO_ACCOUNT_SID
        self.token = settings.TWILIO_AUTH_TOKEN
        self.sender = settings.TWILIO_FROM_NUMBER
        if not (self.sid and self.token and self.sender):
            raise ImproperlyConfigured(
                "SMS_BACKEND is Twilio: set TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM_NUMBER."
            )

    def _request(self, to: str, body: str) -> urllib.request.Request:
        data = urllib.parse.urlencode({"To": to, "From": self.sender, "Body": body}).encode()
        credentials = base64.b64encode(f"{self.sid}:{self.token}".encode()).decode()
        return urllib.request.Request(
            API.format(sid=self.sid),
            data=data,
            method="POST",
            headers={"Authorization": f"Basic {credentials}", "Content-Type": "application/x-www-form-urlencoded"},
        )

    def send(self, *, to: str, body: str, idempotency_key: str) -> str:
        try:
            with urllib.request.urlopen(self._request(to, body), timeout=TIMEOUT_SECONDS) as response:
                payload = json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as error:
            raise self._classify(error) from error
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            raise TransientSmsError(f"twilio unreachable: {type(error).__name__}") from error
        sid = payload.get("sid")
        if not sid:
            raise TransientSmsError("twilio answered without a message sid")
        return sid

    @staticmethod
    def _classify(error: urllib.error.HTTPError) -> Exception:
        try:
            detail = json.loads(error.read() or b"{}")
        except ValueError:
            detail = {}
        code = detail.get("code")
        reason = f"twilio {error.code}" + (f" error {code}" if code else "")
        if error.code == 429 or error.code >= 500:
            return TransientSmsError(reason)
        if code in INVALID_NUMBER_CODES:
            return InvalidNumber(reason)
        if code == UNSUBSCRIBED_CODE:
            return RecipientOptedOut(reason)
        return PermanentSmsError(reason)


# ---------------------------------------------------------------------------
# Inbound: X-Twilio-Signature on the STOP/START replies Twilio forwards
# ---------------------------------------------------------------------------
def request_signature(url: str, fields: MultiValueDict, token: str) -> str:
    """Base64 HMAC-SHA1, keyed with ``token``, of ``url`` then each form field's name and value."""
    payload = url + "".join(name + value for name in sorted(set(fields)) for value in sorted(set(fields.getlist(name))))
    return base64.b64encode(hmac.new(token.encode(), payload.encode(), hashlib.sha1).digest()).decode()


def _as_signed(url: str) -> list[str]:
    """``url`` without and with its port: Twilio signs some requests one way, some the other."""
    parts = urllib.parse.urlsplit(url)
    host = parts.netloc.rsplit(":", 1)[0] if parts.port else parts.netloc
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return [urllib.parse.urlunsplit(parts._replace(netloc=netloc)) for netloc in (host, f"{host}:{port}")]


def is_signed_by_twilio(*, url: str, fields: MultiValueDict, signature: str, token: str) -> bool:
    """Whether ``signature`` is what Twilio sends for this public URL and these form fields."""
    if not token or not signature:
        return False
    return any(
        hmac.compare_digest(request_signature(candidate, fields, token), signature) for candidate in _as_signed(url)
    )
