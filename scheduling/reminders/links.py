"""Signed, expiring, single-purpose links a patient opens from a message, without logging in.

A token names the appointment and the start it was issued for, signed with a salt
per purpose: a confirm token cannot cancel, and a link for a time that has since
moved is dead. No patient information is in the token beyond the appointment id.
"""

import datetime

from django.conf import settings
from django.core import signing
from django.urls import reverse

from scheduling.models import Appointment


class Purpose:
    CONFIRM = "confirm"
    CANCEL = "cancel"
    RESCHEDULE = "reschedule"


PURPOSES = (Purpose.CONFIRM, Purpose.CANCEL, Purpose.RESCHEDULE)


class LinkInvalid(Exception):
    """``expired`` tells the page to say so; anything else is a link we did not make."""

    def __init__(self, *, expired: bool = False) -> None:
        super().__init__("expired" if expired else "invalid")
        self.expired = expired


def _signer(purpose: str) -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=f"scheduling.reminder-link.{purpose}")


def _signed_value(appointment: Appointment) -> str:
    return f"{appointment.pk}.{int(appointment.start.timestamp())}"


def make_token(appointment: Appointment, purpose: str) -> str:
    return _signer(purpose).sign(_signed_value(appointment))


def link_url(appointment: Appointment, purpose: str) -> str:
    path = reverse("scheduling:reminder_link", args=[purpose, make_token(appointment, purpose)])
    return f"{settings.SITE_URL}{path}"


class LinkMaker:
    """``link_url`` for a whole batch: one signer per purpose and the path resolved once.

    A token is URL-safe as signed (digits, '.', ':' and base64url), so the path is the
    reversed prefix plus the token, exactly what ``reverse`` gives for each link.

    Measured side by side (`python -m bench.tricks`): 1,000 reminders' three links each took
    40 ms this way against 286 ms with ``link_url`` per link, about 0.25 ms a reminder where the
    batched sender spends about 0.6 ms a reminder in all (P4, 1,703 a second).
    """

    PLACEHOLDER = "0"

    def __init__(self) -> None:
        self._signers = {purpose: _signer(purpose) for purpose in PURPOSES}
        self._around: dict[str, tuple[str, str]] = {}
        for purpose in PURPOSES:
            path = reverse("scheduling:reminder_link", args=[purpose, self.PLACEHOLDER])
            before, _, after = path.rpartition(f"/{self.PLACEHOLDER}/")
            self._around[purpose] = (f"{settings.SITE_URL}{before}", after)

    def url(self, appointment: Appointment, purpose: str) -> str:
        token = self._signers[purpose].sign(_signed_value(appointment))
        before, after = self._around[purpose]
        return f"{before}/{token}/{after}"


def read_token(token: str, purpose: str) -> Appointment:
    """The appointment the link was made for, or LinkInvalid: forged, tampered, expired or moved."""
    if purpose not in PURPOSES:
        raise LinkInvalid()
    max_age = datetime.timedelta(days=settings.REMINDER_LINK_MAX_AGE_DAYS)
    try:
        value = _signer(purpose).unsign(token, max_age=max_age)
    except signing.SignatureExpired as error:
        raise LinkInvalid(expired=True) from error
    except signing.BadSignature as error:
        raise LinkInvalid() from error
    pk, _, start = value.partition(".")
    if not (pk.isascii() and start.isascii() and pk.isdigit() and start.isdigit()):
        raise LinkInvalid()
    appointment = Appointment.objects.select_related("office").filter(pk=int(pk)).first()
    if appointment is None:
        raise LinkInvalid()
    if int(appointment.start.timestamp()) != int(start):
        # Rescheduled since the message went out: the new time comes with new links.
        raise LinkInvalid(expired=True)
    return appointment
