"""Patients booking from the portal, under each office's policy.

Instant offices book straight through book_appointment; request offices hold
the patient's choice as a BookingRequest until the front desk approves it (which
books or moves through the same services, so the same conflict rules apply).
"""

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clinic.audit import audited_update
from clinic.models import Office
from intake.models import Patient
from scheduling.exceptions import BookingConflict, BookingRefused, InvalidTransition
from scheduling.models import Appointment, AppointmentType
from scheduling.models.self_booking import BookingRequest, OfficeBookingPolicy, SelfBookingMode
from scheduling.services.booking import book_appointment, reschedule_appointment
from scheduling.services.slots import Slot, find_slots

# How many free times the portal offers at once; more is a wall of buttons on a phone.
PORTAL_SLOT_LIMIT = 24


class RequestAlreadyDecided(Exception):
    pass


def policy_for(office: Office) -> OfficeBookingPolicy | None:
    return OfficeBookingPolicy.objects.open_to_patients().filter(office=office).first()


def bookable_types(policy: OfficeBookingPolicy) -> list[AppointmentType]:
    return list(policy.appointment_types.all())


def portal_slots(
    *,
    policy: OfficeBookingPolicy,
    appointment_type: AppointmentType,
    patient: Patient,
    exclude: Appointment | None = None,
    now: datetime.datetime | None = None,
    limit: int = PORTAL_SLOT_LIMIT,
) -> list[Slot]:
    """Free start times a patient may pick: one per time (the clinic assigns provider and room)."""
    now = now or timezone.now()
    earliest = now + datetime.timedelta(hours=policy.notice_hours)
    first = earliest.astimezone(policy.office.zone).date()
    last = now.astimezone(policy.office.zone).date() + datetime.timedelta(days=policy.horizon_days)
    found = find_slots(
        appointment_type=appointment_type,
        first_day=first,
        last_day=last,
        offices=[policy.office],
        patient=patient,
        exclude=exclude,
        now=earliest,
    )
    times: dict[datetime.datetime, Slot] = {}
    for slot in found:
        times.setdefault(slot.start, slot)
        if len(times) >= limit:
            break
    return list(times.values())


def _refuse_outside_policy(
    *, policy: OfficeBookingPolicy | None, appointment_type: AppointmentType, start: datetime.datetime
) -> OfficeBookingPolicy:
    if policy is None or policy.mode == SelfBookingMode.OFF:
        raise BookingRefused(_("This office does not take online bookings; please call us."), field="office")
    if appointment_type not in bookable_types(policy):
        raise BookingRefused(
            _("%(visit)s cannot be booked online; please call us.") % {"visit": _(appointment_type.name)},
            field="appointment_type",
        )
    now = timezone.now()
    if start < now + datetime.timedelta(hours=policy.notice_hours):
        raise BookingRefused(_("That time is too soon to book online; please choose a later time."), field="start")
    if start.astimezone(policy.office.zone).date() > now.astimezone(policy.office.zone).date() + datetime.timedelta(
        days=policy.horizon_days
    ):
        raise BookingRefused(_("That time is too far ahead to book online."), field="start")
    return policy


def patient_books(
    *,
    patient: Patient,
    appointment_type: AppointmentType,
    office: Office,
    start: datetime.datetime,
    by: Any,
    note: str = "",
) -> Appointment | BookingRequest:
    """Book at once (instant office) or leave a request for the desk (request office).

    Raises BookingRefused when the office or type is not open to patients, and
    BookingConflict (with alternatives) when the time has just been taken.
    """
    policy = _refuse_outside_policy(policy=policy_for(office), appointment_type=appointment_type, start=start)
    if policy.is_instant:
        return book_appointment(
            patient=patient, appointment_type=appointment_type, office=office, start=start, by=by, notes=note
        )
    _refuse_unless_free(policy=policy, appointment_type=appointment_type, patient=patient, start=start)
    return BookingRequest.objects.create(
        kind=BookingRequest.Kind.BOOK,
        patient=patient,
        appointment_type=appointment_type,
        office=office,
        start=start,
        note=note.strip()[:300],
        created_by=by,
    )


def _refuse_unless_free(
    *,
    policy: OfficeBookingPolicy,
    appointment_type: AppointmentType,
    patient: Patient,
    start: datetime.datetime,
    exclude: Appointment | None = None,
) -> None:
    """A request for a time that is already gone would only disappoint the patient later."""
    day = start.astimezone(policy.office.zone).date()
    free = find_slots(
        appointment_type=appointment_type,
        first_day=day,
        last_day=day,
        offices=[policy.office],
        patient=patient,
        exclude=exclude,
        step_minutes=5,
    )
    if not any(slot.start == start for slot in free):
        conflict = BookingConflict(_("That time has just been taken."), resource="provider")
        conflict.next_slots = portal_slots(
            policy=policy, appointment_type=appointment_type, patient=patient, exclude=exclude, limit=5
        )
        raise conflict


def patient_asks_to_move(
    *, appointment: Appointment, start: datetime.datetime, by: Any, note: str = ""
) -> BookingRequest:
    """Ask the desk to move a booked appointment to ``start``; the desk approves or declines."""
    if not appointment.is_movable or appointment.start <= timezone.now():
        raise InvalidTransition(_("This appointment can no longer be moved online; please call us."))
    policy = policy_for(appointment.office)
    if policy is None:
        raise BookingRefused(_("This office does not take online requests; please call us."), field="office")
    _refuse_unless_free(
        policy=policy,
        appointment_type=appointment.appointment_type,
        patient=appointment.patient,
        start=start,
        exclude=appointment,
    )
    with transaction.atomic():
        # One open move request per appointment: a newer choice replaces the older one.
        audited_update(
            BookingRequest.objects.pending().filter(appointment=appointment, kind=BookingRequest.Kind.RESCHEDULE),
            status=BookingRequest.Status.WITHDRAWN,
        )
        return BookingRequest.objects.create(
            kind=BookingRequest.Kind.RESCHEDULE,
            patient=appointment.patient,
            appointment_type=appointment.appointment_type,
            office=appointment.office,
            start=start,
            appointment=appointment,
            note=note.strip()[:300],
            created_by=by,
        )


@transaction.atomic
def approve_request(*, booking_request: BookingRequest, by: Any) -> Appointment:
    """Book or move as the patient asked. A BookingConflict leaves the request pending."""
    locked = BookingRequest.objects.select_for_update().get(pk=booking_request.pk)
    if not locked.is_pending:
        raise RequestAlreadyDecided("This request was already handled.")
    if locked.kind == BookingRequest.Kind.RESCHEDULE:
        appointment = reschedule_appointment(
            appointment=locked.appointment, start=locked.start, by=by, reason="Patient asked in the portal"
        )
    else:
        appointment = book_appointment(
            patient=locked.patient,
            appointment_type=locked.appointment_type,
            office=locked.office,
            start=locked.start,
            by=by,
            notes=locked.note,
        )
    locked.status = BookingRequest.Status.APPROVED
    locked.appointment = appointment
    locked.decided_by = by
    locked.decided_at = timezone.now()
    locked.save(update_fields=["status", "appointment", "decided_by", "decided_at"])
    booking_request.refresh_from_db()
    return appointment


@transaction.atomic
def decline_request(*, booking_request: BookingRequest, reason: str, by: Any) -> BookingRequest:
    reason = (reason or "").strip()
    if not reason:
        raise BookingRefused("Say why, so the patient knows what to do next.", field="reason")
    locked = BookingRequest.objects.select_for_update().get(pk=booking_request.pk)
    if not locked.is_pending:
        raise RequestAlreadyDecided("This request was already handled.")
    locked.status = BookingRequest.Status.DECLINED
    locked.decision_note = reason[:200]
    locked.decided_by = by
    locked.decided_at = timezone.now()
    locked.save(update_fields=["status", "decision_note", "decided_by", "decided_at"])
    booking_request.refresh_from_db()
    return booking_request


def withdraw_request(*, booking_request: BookingRequest) -> None:
    updated = audited_update(
        BookingRequest.objects.pending().filter(pk=booking_request.pk), status=BookingRequest.Status.WITHDRAWN
    )
    if not updated:
        raise RequestAlreadyDecided("This request was already handled.")
