"""Reminder rows follow their appointment: created at booking, moved, cancelled; plus
waitlist offers for a freed slot and the compression-trial message evaluations asks for.

Called explicitly from scheduling.services.booking (never from signals), inside the
booking's transaction, so an appointment and its reminders commit together.
"""

import datetime
from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from clinic.audit import audited_update, log_bulk_changes
from clinic.models import Office
from intake.models import Occasion, Patient
from scheduling.models import (
    Appointment,
    ContactPreference,
    MessageKind,
    Reminder,
    ReminderChannel,
    ReminderStatus,
    RescheduleRequest,
    WaitlistEntry,
)
from scheduling.reminders.quiet import next_allowed

# The first few in line hear about a freed slot; it goes to whoever calls first.
WAITLIST_OFFERS_PER_SLOT = 3
# A slot freed less than this far ahead is for the phone, not a message.
WAITLIST_OFFER_MIN_NOTICE = datetime.timedelta(hours=2)
PATIENT_LINK_USERNAME = "patient-link"
MOVED_WHILE_SENDING = "the appointment moved while this was being sent; a new reminder has the new time"

Rule = tuple[str, str, int]


def _due(rule_channel: str, moment: datetime.datetime, office: Office) -> datetime.datetime:
    return next_allowed(moment, office.zone) if rule_channel == ReminderChannel.SMS else moment


def planned_reminders(appointment: Appointment, now: datetime.datetime) -> dict[Rule, datetime.datetime]:
    """Each policy rule still ahead of us, with the time it should go.

    A visit booked (or moved) inside a reminder's window still gets that channel's
    reminder, at once: it is the patient's only copy of the time, the .ics and the
    confirm link, whether the desk booked it by phone or the patient on the portal.
    Only the nearest passed rule per channel goes, and none when a later rule of the
    same channel is still ahead. Preparation instructions likewise go at once.
    """
    planned: dict[Rule, datetime.datetime] = {}
    passed: dict[str, Rule] = {}
    for rule in appointment.appointment_type.reminder_policy:
        kind, channel, offset = rule["kind"], rule["channel"], rule["offset_hours"]
        due = _due(channel, appointment.start - datetime.timedelta(hours=offset), appointment.office)
        if due > now:
            planned[(kind, channel, offset)] = due
        elif appointment.start > now and kind == MessageKind.PREPARATION:
            planned[(kind, channel, offset)] = _due(channel, now, appointment.office)
        elif appointment.start > now and kind == MessageKind.REMINDER:
            nearest = passed.get(channel)
            if nearest is None or offset < nearest[2]:
                passed[channel] = (kind, channel, offset)
    for channel, rule in passed.items():
        if not any(k == MessageKind.REMINDER and c == channel for k, c, _ in planned):
            planned[rule] = _due(channel, now, appointment.office)
    return planned


def _new_rows(appointment: Appointment, planned: dict[Rule, datetime.datetime]) -> list[Reminder]:
    return Reminder.objects.bulk_create(
        Reminder(
            patient_id=appointment.patient_id,
            office_id=appointment.office_id,
            appointment=appointment,
            kind=kind,
            channel=channel,
            offset_hours=offset,
            due_at=due,
        )
        for (kind, channel, offset), due in planned.items()
    )


def schedule_appointment_reminders(*, appointment: Appointment, now: datetime.datetime | None = None) -> list[Reminder]:
    """One pending row per rule of the appointment type's policy."""
    return _new_rows(appointment, planned_reminders(appointment, now or timezone.now()))


@transaction.atomic
def move_appointment_reminders(*, appointment: Appointment, now: datetime.datetime | None = None) -> None:
    """After a reschedule: pending rows take their new times; rules now in the past are cancelled.

    A rule whose reminder already went out for the old time gets a new row for the new time.
    """
    now = now or timezone.now()
    planned = planned_reminders(appointment, now)
    live = list(appointment.reminders.live().select_for_update())
    before = {r.pk: {"due_at": r.due_at, "office": r.office_id, "error": r.error, "attempts": r.attempts} for r in live}
    moved, dropped = [], []
    claimed = []
    for reminder in live:
        rule = (reminder.kind, reminder.channel, reminder.offset_hours)
        if reminder.status == ReminderStatus.SENDING:
            # A worker holds it with the old time. Taking the claim away stops it (the worker
            # checks the claim just before sending); the rule, if still ahead, gets a new row
            # with its own idempotency key, so a provider that honours keys does not drop it.
            claimed.append(reminder.pk)
        elif rule in planned:
            reminder.due_at, reminder.office_id, reminder.error = planned.pop(rule), appointment.office_id, ""
            reminder.attempts = 0
            moved.append(reminder)
        else:
            dropped.append(reminder.pk)
    Reminder.objects.bulk_update(moved, ["due_at", "office", "error", "attempts", "updated_at"])
    log_bulk_changes(before, moved, ["due_at", "office", "error", "attempts"])
    audited_update(Reminder.objects.filter(pk__in=dropped), status=ReminderStatus.CANCELLED, updated_at=now)
    audited_update(
        Reminder.objects.filter(pk__in=claimed),
        status=ReminderStatus.CANCELLED,
        claim_token=None,
        lease_until=None,
        error=MOVED_WHILE_SENDING,
        updated_at=now,
    )
    _new_rows(appointment, planned)


def cancel_appointment_reminders(*, appointment: Appointment) -> int:
    """Every reminder still to go is cancelled, claimed ones too: a worker holding one finds
    its claim gone when it checks, just before sending, and leaves it alone."""
    return audited_update(
        appointment.reminders.live(),
        status=ReminderStatus.CANCELLED,
        claim_token=None,
        lease_until=None,
        updated_at=timezone.now(),
    )


def offer_freed_slot(
    *, appointment: Appointment, entries: Iterable[WaitlistEntry], now: datetime.datetime | None = None
) -> list[Reminder]:
    """Tell the first few waiting patients that this slot is free (no other patient's details)."""
    now = now or timezone.now()
    if appointment.start - now < WAITLIST_OFFER_MIN_NOTICE:
        return []
    rows = [
        Reminder(
            patient_id=entry.patient_id,
            office_id=appointment.office_id,
            waitlist_entry=entry,
            kind=MessageKind.WAITLIST_OFFER,
            channel=channel,
            subject_time=appointment.start,
            due_at=_due(channel, now, appointment.office),
        )
        for entry in list(entries)[:WAITLIST_OFFERS_PER_SLOT]
        for channel in ReminderChannel.values
    ]
    return Reminder.objects.bulk_create(rows)


def schedule_compression_trial_reminder(
    *,
    patient: Patient,
    office: Office,
    due_at: datetime.datetime,
    notice: datetime.timedelta = datetime.timedelta(days=3),
    now: datetime.datetime | None = None,
) -> list[Reminder]:
    """A message ``notice`` before a compression trial ends (``due_at``), asking to book the follow-up.

    Payers want a documented trial before ablation; evaluations calls this when a
    plan starts one. Rows for both channels; consent decides at send time.
    """
    now = now or timezone.now()
    if timezone.is_naive(due_at):
        raise ValueError("due_at needs a time zone.")
    send_at = max(due_at - notice, now)
    return Reminder.objects.bulk_create(
        Reminder(
            patient=patient,
            office=office,
            kind=MessageKind.COMPRESSION_TRIAL,
            channel=channel,
            subject_time=due_at,
            due_at=_due(channel, send_at, office),
        )
        for channel in ReminderChannel.values
    )


# Clinic policy: the symptom questionnaire (HASTI) goes 6 weeks and 6 months after a procedure,
# at 9 in the morning office time (docs/clinical-rules.md, "Patient-reported symptoms").
SURVEY_AFTER_DAYS = {Occasion.SIX_WEEKS: 42, Occasion.SIX_MONTHS: 182}
SURVEY_HOUR = datetime.time(9)


def schedule_symptom_survey_reminders(
    *, patient: Patient, office: Office, done_on: datetime.date, now: datetime.datetime | None = None
) -> list[Reminder]:
    """Messages asking for the symptom questionnaire 6 weeks and 6 months after a procedure done on ``done_on``.

    Rows for both channels; consent, preference and quiet hours decide at send time. Two
    procedures done the same day ask once (reminder_one_survey_per_occasion_day).
    """
    now = now or timezone.now()
    rows = []
    for occasion, days in SURVEY_AFTER_DAYS.items():
        day = datetime.datetime.combine(done_on + datetime.timedelta(days=days), SURVEY_HOUR, tzinfo=office.zone)
        for channel in ReminderChannel.values:
            rows.append(
                Reminder(
                    patient=patient,
                    office=office,
                    kind=MessageKind.SYMPTOM_SURVEY,
                    channel=channel,
                    occasion=occasion,
                    subject_time=day,
                    due_at=_due(channel, max(day, now), office),
                )
            )
    Reminder.objects.bulk_create(rows, ignore_conflicts=True)
    return list(
        Reminder.objects.filter(
            patient=patient, kind=MessageKind.SYMPTOM_SURVEY, subject_time__in={row.subject_time for row in rows}
        )
    )


def retry_reminder(*, reminder: Reminder, now: datetime.datetime | None = None) -> Reminder:
    """The desk fixed what was wrong (a number, a consent): try a failed message again now."""
    reminder.status, reminder.due_at, reminder.attempts = ReminderStatus.PENDING, now or timezone.now(), 0
    reminder.save(update_fields=["status", "due_at", "attempts", "updated_at"])
    return reminder


def record_sms_keyword(*, phone: str, keyword: str, now: datetime.datetime | None = None) -> int:
    """An inbound STOP (or START) applies to every patient at that number; returns how many."""
    now = now or timezone.now()
    patients = list(Patient.objects.filter(phone=phone))
    for patient in patients:
        preference, _ = ContactPreference.objects.get_or_create(patient=patient)
        preference.sms_opted_out_at = (preference.sms_opted_out_at or now) if keyword == "stop" else None
        preference.save()
    return len(patients)


def patient_link_actor() -> Any:
    """Who the history names for a patient's own confirm or cancel: a user that cannot log in."""
    user, created = get_user_model().objects.get_or_create(
        username=PATIENT_LINK_USERNAME,
        defaults={"first_name": "Patient", "last_name": "(reminder link)", "is_active": False},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def request_reschedule(*, appointment: Appointment) -> RescheduleRequest:
    request, _ = RescheduleRequest.objects.get_or_create(appointment=appointment, handled_at=None)
    return request


def close_reschedule_request(*, request: RescheduleRequest, by: Any) -> RescheduleRequest:
    request.handled_at, request.handled_by = timezone.now(), by
    request.save(update_fields=["handled_at", "handled_by"])
    return request
