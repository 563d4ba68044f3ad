"""Claiming due reminders and sending them once.

The protocol, row by row:

1. **Claim** (the beat, every minute): in one transaction, due pending rows are
   locked with ``SELECT ... FOR UPDATE SKIP LOCKED`` and set to ``sending`` with a
   fresh claim token and a lease. That commits before any worker sees the batch,
   so two beats, or a beat and a reaper, can never hold the same row. Only the
   ids and the token cross the broker.
2. **Send** (a worker): a row is sent only while it is still ``sending`` under
   the batch's token with time left on its lease; the provider gets the row's
   idempotency key (``veinflow-reminder-<id>``, the same on every attempt).
3. **Mark**: one conditional UPDATE (``WHERE claim_token = <token>``) records
   ``sent`` and the provider's message id, in its own commit per message (one
   statement, one round trip, autocommit; see SentMarker).
4. **Reap** (the beat): a ``sending`` row whose lease has run out belonged to a
   worker that died or hung; it goes back to ``pending`` and is claimed afresh.

The one unavoidable window is between the provider accepting a message and our
commit in step 3. A message interrupted there is sent again with the same
idempotency key: a provider that honours keys drops it; one that does not
(Twilio's message API) delivers a second copy. What is true, precisely:

- The bound is one message per **pool process**, not per worker: each pool process
  sends one message at a time, so a worker killed outright with ``--concurrency=N``
  can duplicate up to N messages, one per process that was inside the window.
- It comes **at once**, not after the lease: the batch task is ``acks_late`` with
  ``reject_on_worker_lost``, so the broker hands the interrupted batch to another
  process straight away, its claim token is still valid, and the message in the
  window goes again. A database error on the mark itself does the same through
  the task's automatic retry (``autoretry_for``), one message per retried batch.
- Only a batch the broker has lost altogether waits out its lease
  (REMINDER_LEASE_SECONDS) and is reaped; its one interrupted message then goes
  again after the lease. The embedded default's folder broker loses the batches a
  worker's main process held when that process itself is killed (it keeps unacked
  messages in memory); Redis redelivers them after its visibility timeout.
- Nothing goes twice when the crash came before the provider answered, and a beat
  firing twice, two workers, a redelivered batch or a retry send nothing else twice:
  every step is conditional on the claim token.

Redelivery is kept deliberately: without it the rest of an interrupted batch (up to
REMINDER_BATCH_SIZE messages) would wait the whole lease to save the one message in
the window from a second copy. tests/scheduling/test_reminders_real_broker.py kills
a worker with two pool processes mid-batch and checks this bound.

A cancel or a move takes claimed rows back too (scheduling.services.reminders), and
the worker checks its claim on each row just before sending it (Dispatcher.recheck),
so a visit cancelled or moved while its batch is being sent gets no stale message,
short of the milliseconds between that check and the provider call.

On PostgreSQL the 'sent' mark commits with ``synchronous_commit = off`` for that
transaction alone (REMINDER_SENT_MARK_ASYNC_COMMIT, on by default): the worker
does not wait for the WAL flush (the P4 benchmark: 1,163 messages a second
with the flush, 1,724 without). What it changes, precisely:

- A worker crash (SIGKILL, OOM, a lost machine) changes nothing: the commit is in
  the server's memory and reaches disk without the worker. The claim (step 1) and
  every other write keep waiting for their flush.
- Only a crash of the database server itself (PostgreSQL or its host, not a
  clean shutdown) can lose marks, and only those committed in the last
  3 x ``wal_writer_delay`` (600 ms with the default 200 ms) before it. Those
  rows come back as ``sending`` under their committed claim, are reaped after
  their lease and sent again with the same idempotency key. So a database crash
  can repeat at most (messages per second x 0.6 s) + one per pool process; with
  REMINDER_RATE_PER_SECOND set, at most 0.6 x that rate + one per pool process. A
  provider that honours keys delivers none of them twice; Twilio would.
- Setting REMINDER_SENT_MARK_ASYNC_COMMIT=false makes every mark wait for its
  flush, and the bound goes back to one message per pool process for any crash.
"""

import datetime
import logging
import smtplib
import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from intake.models import Patient
from scheduling.models import (
    Appointment,
    ContactPreference,
    MessageKind,
    Reminder,
    ReminderChannel,
    ReminderStatus,
    Status,
    WaitlistEntry,
)
from scheduling.models.reminders import ReminderQuerySet
from scheduling.reminders.content import Renderer
from scheduling.reminders.quiet import next_allowed
from scheduling.reminders.ratelimit import get_rate_limiter
from scheduling.reminders.recording import MESSAGE_KEY_HEADER
from scheduling.reminders.sms import (
    InvalidNumber,
    PermanentSmsError,
    RecipientOptedOut,
    TransientSmsError,
    get_sms_backend,
)

log = logging.getLogger(__name__)

# A send is not started with less lease left than this (the SMS call's own timeout is 10 s).
LEASE_MARGIN = datetime.timedelta(seconds=30)


def lease_margin() -> datetime.timedelta:
    return min(LEASE_MARGIN, datetime.timedelta(seconds=settings.REMINDER_LEASE_SECONDS / 4))


PRE_VISIT_KINDS = {MessageKind.REMINDER, MessageKind.PREPARATION}


class TransientError(Exception):
    """Any channel's "try again later"."""


class PermanentError(Exception):
    pass


@dataclass
class BatchReport:
    sent: int = 0
    skipped: int = 0
    deferred: int = 0
    retrying: int = 0
    failed: int = 0
    released: int = 0
    not_ours: int = 0

    def as_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


@dataclass
class DispatchReport:
    reaped: int = 0
    claimed: int = 0
    batches: list[tuple[list[int], str]] = field(default_factory=list)


def preference_of(patient: Patient) -> ContactPreference:
    try:
        return patient.contact_preference
    except ContactPreference.DoesNotExist:
        return ContactPreference(patient=patient)


# ---------------------------------------------------------------------------
# Claim and reap (the beat)
# ---------------------------------------------------------------------------
# The conditional updates below (claim, reap, sent/failed marks) are the sender's own
# bookkeeping, not changes made to a patient's record or on their behalf, so they skip
# the audit trail on purpose: the outcome stays on the row (status, sent_at, error).
# A reminder cancelled or moved for a patient goes through clinic.audit.audited_update.
def reap_stale_claims(now: datetime.datetime) -> int:
    return Reminder.objects.stale_claims(now).update(
        status=ReminderStatus.PENDING, claim_token=None, lease_until=None, updated_at=now
    )


def claim_due_batch(*, now: datetime.datetime, size: int) -> tuple[list[int], uuid.UUID | None]:
    """Lock up to ``size`` due rows nobody else holds and mark them ours, in one commit."""
    token = uuid.uuid4()
    with transaction.atomic():
        ids = list(
            Reminder.objects.due(now)
            .order_by("due_at", "pk")
            .select_for_update(skip_locked=True)
            .values_list("pk", flat=True)[:size]
        )
        if not ids:
            return [], None
        lease = now + datetime.timedelta(seconds=settings.REMINDER_LEASE_SECONDS)
        Reminder.objects.filter(pk__in=ids, status=ReminderStatus.PENDING).update(
            status=ReminderStatus.SENDING, claim_token=token, lease_until=lease, updated_at=now
        )
    return ids, token


def claim_cap() -> int | None:
    """With a rate set, claim no more than can go out well within one lease."""
    rate = settings.REMINDER_RATE_PER_SECOND
    if not rate or rate <= 0:
        return None
    return max(settings.REMINDER_BATCH_SIZE, int(rate * settings.REMINDER_LEASE_SECONDS / 2))


def claim_due(*, now: datetime.datetime | None = None) -> DispatchReport:
    """Reap, then claim every due row (up to the cap) in batches. Publishing is the caller's."""
    now = now or timezone.now()
    report = DispatchReport(reaped=reap_stale_claims(now))
    cap = claim_cap()
    size = settings.REMINDER_BATCH_SIZE
    while cap is None or report.claimed < cap:
        ids, token = claim_due_batch(now=now, size=size if cap is None else min(size, cap - report.claimed))
        if not ids:
            break
        report.claimed += len(ids)
        report.batches.append((ids, str(token)))
        if len(ids) < size:
            break
    return report


# ---------------------------------------------------------------------------
# Send (a worker)
# ---------------------------------------------------------------------------
def skip_reason(reminder: Reminder, now: datetime.datetime, preference: ContactPreference | None = None) -> str:
    """Why this message must not go at all (consent, preference, the visit's state); "" to send."""
    patient = reminder.patient
    preference = preference or preference_of(patient)
    appointment = reminder.appointment
    if appointment is not None:
        if appointment.status in (Status.CANCELLED, Status.NO_SHOW):
            return f"appointment {appointment.get_status_display().lower()}"
        if reminder.kind in PRE_VISIT_KINDS and appointment.start <= now:
            return "the appointment has already started"
        if reminder.kind == MessageKind.AFTERCARE_CHECK and appointment.status not in (
            Status.CHECKED_IN,
            Status.COMPLETED,
        ):
            return "the visit did not take place"
    if reminder.kind == MessageKind.WAITLIST_OFFER:
        entry = reminder.waitlist_entry
        if entry is None or entry.status != WaitlistEntry.Status.WAITING:
            return "no longer on the waitlist"
        if reminder.subject_time <= now:
            return "the offered time has passed"
    if reminder.kind == MessageKind.SYMPTOM_SURVEY and patient.user_id is None:
        # The link opens the portal; without an account the desk asks at the next call or visit.
        return "no portal account for the questionnaire link"
    if not preference.wants(reminder.channel):
        return f"patient prefers {preference.get_channels_display().lower()}"
    if reminder.channel == ReminderChannel.SMS:
        if not patient.sms_consent:
            return "no consent to text"
        if preference.sms_opted_out:
            return "patient replied STOP"
        if preference.phone_is_invalid:
            return "the phone number was refused earlier"
    else:
        if not patient.email_consent:
            return "no consent to email"
        if not patient.email:
            return "no email address"
    return ""


def backoff(attempts: int) -> datetime.timedelta:
    """1, 2, 4, 8, 16 minutes ... capped at an hour."""
    return datetime.timedelta(minutes=min(60, 2 ** max(0, attempts - 1)))


class SentMarker:
    """Step 3 of the protocol for one batch: the conditional 'sent' UPDATE, prepared once.

    It is the one write every message costs, so it is one statement in one round
    trip, in autocommit: its own commit, as the window above requires.
    """

    def __init__(self) -> None:
        meta = Reminder._meta
        column = {name: connection.ops.quote_name(meta.get_field(name).column) for name in (
            "status", "sent_at", "updated_at", "provider_message_id", "attempts", "error", "claim_token",
            "lease_until", "id",
        )}  # fmt: skip
        self.sql = (
            f"UPDATE {connection.ops.quote_name(meta.db_table)} SET {column['status']} = %s, {column['sent_at']} = %s, "
            f"{column['updated_at']} = %s, {column['provider_message_id']} = %s, "
            f"{column['attempts']} = {column['attempts']} + 1, {column['error']} = '', "
            f"{column['claim_token']} = NULL, {column['lease_until']} = NULL "
            f"WHERE {column['id']} = %s AND {column['claim_token']} = %s AND {column['status']} = %s"
        )
        # Sent as one simple query, the two statements are one implicit transaction: the setting
        # covers this commit only (the bound it costs is in the module docstring). SET LOCAL comes
        # second so the cursor's row count is the UPDATE's.
        self.async_sql = (
            f"{self.sql}; SET LOCAL synchronous_commit TO OFF"
            if settings.REMINDER_SENT_MARK_ASYNC_COMMIT and connection.vendor == "postgresql"
            else None
        )
        self.token_field = meta.get_field("claim_token")
        self.time_field = meta.get_field("sent_at")

    def sent(self, pk: int, token: uuid.UUID, message_id: str) -> bool:
        """True when the row was still ours under ``token`` and is now marked sent."""
        now = self.time_field.get_db_prep_value(timezone.now(), connection)
        params = [ReminderStatus.SENT.value, now, now, message_id[:100], pk,
                  self.token_field.get_db_prep_value(token, connection), ReminderStatus.SENDING.value]  # fmt: skip
        # Inside someone's transaction the mark is not its own commit, and SET LOCAL would reach theirs.
        sql = self.async_sql if self.async_sql and not connection.in_atomic_block else self.sql
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.rowcount == 1


class Dispatcher:
    """One worker's sending state for a batch: templates, channel connections, the rate limit."""

    def __init__(self) -> None:
        self.renderer = Renderer()
        self.sms = get_sms_backend()
        self.mail = get_connection()
        self.limiter = get_rate_limiter()
        self.marker = SentMarker()
        # What this batch learnt about a patient (a refused number) holds for their next row too.
        self.learnt: dict[int, ContactPreference] = {}

    # -- the conditional updates: nothing changes unless the row is still ours
    @staticmethod
    def _ours(reminder: Reminder, token: uuid.UUID) -> ReminderQuerySet:
        return Reminder.objects.filter(pk=reminder.pk, claim_token=token, status=ReminderStatus.SENDING)

    def _finish(self, reminder: Reminder, token: uuid.UUID, **changes: object) -> bool:
        changes.setdefault("updated_at", timezone.now())
        return bool(self._ours(reminder, token).update(claim_token=None, lease_until=None, **changes))

    def release(self, reminder: Reminder, token: uuid.UUID, *, due_at: datetime.datetime, error: str = "") -> bool:
        return self._finish(reminder, token, status=ReminderStatus.PENDING, due_at=due_at, error=error)

    def deliver(self, reminder: Reminder) -> str:
        message = self.renderer.render(reminder)
        key = reminder.idempotency_key
        if reminder.channel == ReminderChannel.SMS:
            try:
                return self.sms.send(to=reminder.patient.phone, body=message.body, idempotency_key=key)
            except TransientSmsError as error:
                raise TransientError(error.code) from error
        message_id = f"<{key}@veinflow>"
        email = EmailMessage(
            subject=message.subject,
            body=message.body,
            to=[reminder.patient.email],
            connection=self.mail,
            headers={"Message-ID": message_id, MESSAGE_KEY_HEADER: key},
        )
        if message.ics:
            email.attach("appointment.ics", message.ics.decode(), "text/calendar")
        try:
            email.send()
        except smtplib.SMTPRecipientsRefused as error:
            raise PermanentError("the mail server refused the address") from error
        except (smtplib.SMTPException, OSError) as error:
            raise TransientError(f"mail server: {type(error).__name__}") from error
        return message_id

    def recheck(self, reminder: Reminder, token: uuid.UUID) -> bool:
        """Just before sending: is the row still ours, and is its appointment as the batch read it?

        The batch read its rows when it started; a cancel or a move since then has taken
        the row back (scheduling.services.reminders cancels claimed rows too), so a row no
        longer ours is left alone. An appointment changed some other way is read afresh,
        so a cancelled one is skipped and a moved one is sent with its new time.
        One primary-key query per message.
        """
        fresh = self._ours(reminder, token).values_list(
            "appointment__status", "appointment__start", "appointment__office_id"
        )[:1]
        if not fresh:
            return False
        appointment = reminder.appointment
        if appointment is not None and fresh[0] != (appointment.status, appointment.start, appointment.office_id):
            reminder.appointment = Appointment.objects.select_related("appointment_type", "office").get(
                pk=appointment.pk
            )
        return True

    def send_claimed(self, reminder: Reminder, token: uuid.UUID, report: BatchReport) -> None:
        now = timezone.now()
        if reminder.lease_until is None or reminder.lease_until - lease_margin() <= now:
            # Too little lease left to start: hand it back rather than race the reaper.
            report.released += self.release(reminder, token, due_at=reminder.due_at)
            return
        if not self.recheck(reminder, token):
            report.not_ours += 1
            return
        reason = skip_reason(reminder, now, self.learnt.get(reminder.patient_id))
        if reason:
            report.skipped += self._finish(reminder, token, status=ReminderStatus.SKIPPED, error=reason)
            return
        if reminder.channel == ReminderChannel.SMS:
            office = reminder.appointment.office if reminder.appointment_id else reminder.office
            morning = next_allowed(now, office.zone)
            if morning > now:
                report.deferred += self.release(reminder, token, due_at=morning)
                return
        self.limiter.acquire()
        try:
            message_id = self.deliver(reminder)
        except TransientError as error:
            attempts = reminder.attempts + 1
            if attempts >= settings.REMINDER_MAX_ATTEMPTS:
                report.failed += self._fail(reminder, token, f"gave up after {attempts} tries: {error}")
            else:
                report.retrying += self._finish(
                    reminder,
                    token,
                    status=ReminderStatus.PENDING,
                    due_at=now + backoff(attempts),
                    attempts=F("attempts") + 1,
                    error=str(error)[:200],
                )
            return
        except (PermanentError, PermanentSmsError) as error:
            report.failed += self._fail(reminder, token, str(error))
            self._note_on_patient(reminder, error, now)
            return
        if self.marker.sent(reminder.pk, token, message_id):
            report.sent += 1
        else:
            # Our lease ran out mid-send and the row moved on; the key keeps the provider from doubling it.
            log.warning("reminder %s was sent after its claim had lapsed", reminder.pk)

    def _fail(self, reminder: Reminder, token: uuid.UUID, error: str) -> bool:
        return self._finish(
            reminder, token, status=ReminderStatus.FAILED, attempts=F("attempts") + 1, error=error[:200]
        )

    def _note_on_patient(self, reminder: Reminder, error: Exception, now: datetime.datetime) -> None:
        """An invalid number or a provider-side STOP belongs on the patient, not in a retry loop."""
        if not isinstance(error, InvalidNumber | RecipientOptedOut):
            return
        preference, _ = ContactPreference.objects.get_or_create(patient=reminder.patient)
        if isinstance(error, InvalidNumber):
            preference.invalid_phone = reminder.patient.phone
            preference.invalid_phone_reason = str(error)[:200]
            preference.invalid_phone_at = now
        else:
            preference.sms_opted_out_at = preference.sms_opted_out_at or now
        preference.save()
        self.learnt[reminder.patient_id] = preference


def send_batch(ids: list[int], token: str) -> BatchReport:
    """Send what is still ours of a claimed batch; safe to run twice or after another worker."""
    claim = uuid.UUID(token)
    report = BatchReport()
    rows = list(
        Reminder.objects.for_dispatch()
        .select_related("waitlist_entry")
        .filter(pk__in=ids, claim_token=claim, status=ReminderStatus.SENDING)
        .order_by("due_at", "pk")
    )
    report.not_ours = len(ids) - len(rows)
    if not rows:
        return report
    dispatcher = Dispatcher()
    for reminder in rows:
        dispatcher.send_claimed(reminder, claim, report)
    return report


def release_claim(ids: list[int], token: str) -> int:
    """Hand a claimed batch back at once (its publish failed), so the next beat claims it again
    instead of waiting out the lease."""
    return Reminder.objects.filter(pk__in=ids, claim_token=uuid.UUID(token), status=ReminderStatus.SENDING).update(
        status=ReminderStatus.PENDING, claim_token=None, lease_until=None, updated_at=timezone.now()
    )
