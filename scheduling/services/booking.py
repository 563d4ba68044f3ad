"""Booking, moving and cancelling appointments: the only ways an appointment's time changes.

Reminders and evaluations hook in by calling these functions (never signals).
No provider, room or patient is ever in two active appointments at once: the
check below gives the front desk a readable answer, and the database has the
last word (exclusion constraints on PostgreSQL; BEGIN IMMEDIATE on SQLite
serialises the check and the insert).
"""

import datetime
import logging
import random
import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format, time_format

from clinic.audit import audited_update
from clinic.models import Office, Room, StaffProfile
from clinic.roles import Role
from intake.models import Patient
from scheduling.constraints import EXCLUSION_VIOLATION
from scheduling.exceptions import BookingConflict, BookingRefused, InvalidTransition
from scheduling.models import Appointment, AppointmentEvent, AppointmentType, Status, WaitlistEntry
from scheduling.services.reminders import (
    cancel_appointment_reminders,
    move_appointment_reminders,
    offer_freed_slot,
    schedule_appointment_reminders,
)
from scheduling.services.slots import WorkingHours, find_slots, next_slots
from scheduling.wall_time import refuse_unclear_wall_time

GRID_MINUTES = 5
RESOURCE_WORDS = {"provider": "provider", "room": "room", "patient": "patient"}

# PostgreSQL's deadlock_detected and serialization_failure: the transaction lost a race
# and was rolled back whole, so running it again is safe. Concurrent inserts under the
# exclusion constraints deadlock now and then (measured: 504 of 2,400 attempts in a
# 200-way race); each retry sees the winner's row and ends in a worded conflict.
RETRYABLE_SQLSTATES = frozenset({"40P01", "40001"})
BOOKING_ATTEMPTS = 5
BUSY = "Several desks were booking this time at once and this booking could not get through; please try again."
# A conflict answer offers a few nearby times, found after the transaction: bounded so
# that it costs about one slot search, however busy the calendar is.
ALTERNATIVES = 3
ALTERNATIVE_DAYS = 7

log = logging.getLogger(__name__)
T = TypeVar("T")


def _lost_a_race(error: DatabaseError) -> bool:
    return getattr(error.__cause__, "sqlstate", None) in RETRYABLE_SQLSTATES


def _retrying(work: Callable[[], T]) -> T:
    """Run ``work`` (one whole transaction) again when PostgreSQL rolled it back for a deadlock
    or a serialization failure, a bounded number of times; then answer with a worded conflict.

    Inside a caller's transaction nothing can be retried (that transaction is lost too),
    so the first such failure is answered at once.
    """
    # As Django's durable atomic does, a test case's own wrapping transaction does not count.
    outermost = all(getattr(block, "_from_testcase", False) for block in connection.atomic_blocks)
    attempts = BOOKING_ATTEMPTS if outermost else 1
    for attempt in range(1, attempts + 1):
        try:
            return work()
        except DatabaseError as error:
            if isinstance(error, IntegrityError) or not _lost_a_race(error):
                raise
            log.info("booking lost a race (%s), attempt %d of %d", error.__cause__.sqlstate, attempt, attempts)
            if attempt == attempts:
                raise BookingConflict(BUSY, resource="provider") from error
            # Jittered, growing pauses, so the racers do not collide again in step.
            time.sleep(random.uniform(0, 0.02 * 2**attempt))
    raise AssertionError("unreachable")


def _local(moment: datetime.datetime, office: Office) -> str:
    local = moment.astimezone(office.zone)
    return f"{date_format(local, 'D j M')} {time_format(local, 'g:i A')}"


def _refuse_bad_request(
    *,
    appointment_type: AppointmentType,
    office: Office,
    start: datetime.datetime,
    provider: StaffProfile | None,
    room: Room | None,
    now: datetime.datetime,
) -> None:
    """Everything that can be refused before looking at the calendar.

    With both provider and room chosen, the provider's role and office are left to the
    availability check that always follows: their hours prove both for free, and without
    hours it asks the same question as here, with the same answer. With only a provider
    chosen, a free room is searched for first, so an unqualified provider is refused here.
    """
    if timezone.is_naive(start):
        raise BookingRefused("The start time needs a time zone.", field="start")
    refuse_unclear_wall_time(start)
    if start <= now:
        raise BookingRefused("That time has already passed; choose a time in the future.", field="start")
    local = start.astimezone(office.zone)
    if local.minute % GRID_MINUTES or local.second or local.microsecond:
        raise BookingRefused("Appointments start on five-minute marks (9:00, 9:05, ...).", field="start")
    if not appointment_type.is_active:
        raise BookingRefused(f"{appointment_type} is no longer offered.", field="appointment_type")
    if not office.is_active:
        raise BookingRefused(f"{office} is not taking appointments.", field="office")
    if room is not None:
        if room.office_id != office.pk:
            raise BookingRefused(f"{room.name} is at {room.office}, not {office}.", field="room")
        if room.kind != appointment_type.room_kind:
            raise BookingRefused(
                f"{appointment_type} needs a {Room.Kind(appointment_type.room_kind).label.lower()}; "
                f"{room.name} is a {room.get_kind_display().lower()}.",
                field="room",
            )
        if not room.is_active:
            raise BookingRefused(f"{room.name} is out of service.", field="room")
    if provider is not None and room is None:
        _refuse_unqualified(provider=provider, office=office, appointment_type=appointment_type)


def _refuse_unqualified(*, provider: StaffProfile, office: Office, appointment_type: AppointmentType) -> None:
    role = Role(appointment_type.provider_role)
    qualified = StaffProfile.objects.filter(
        pk=provider.pk, user__is_active=True, user__groups__name=role.value
    ).values_list("offices", flat=True)
    works_at = set(qualified)
    if not works_at:
        raise BookingRefused(
            f"{appointment_type} is seen by a {role.label.lower()}; {provider} is not one.", field="provider"
        )
    if office.pk not in works_at:
        raise BookingRefused(f"{provider} does not work at {office}.", field="provider")


def _refuse_outside_availability(
    *,
    provider: StaffProfile,
    office: Office,
    appointment_type: AppointmentType,
    start: datetime.datetime,
    end: datetime.datetime,
) -> None:
    day = start.astimezone(office.zone).date()
    hours = WorkingHours(offices=[office], role=appointment_type.provider_role, first=day, last=day, provider=provider)
    working = hours.for_day(office, day).get(provider.pk, [])
    begins, ends = int(start.timestamp()), int(end.timestamp())
    if not any(a <= begins and ends <= b for a, b in working):
        # Hours come only from sessions of providers of the role at that office, so having
        # them proves both; without them, say first if the provider could never be booked here.
        _refuse_unqualified(provider=provider, office=office, appointment_type=appointment_type)
        raise BookingRefused(
            f"{provider} is not seeing patients at {office} from {_local(start, office)} "
            f"to {time_format(end.astimezone(office.zone), 'g:i A')}.",
            field="start",
        )


def _refuse_conflicts(
    *,
    patient: Patient,
    provider: StaffProfile,
    room: Room,
    start: datetime.datetime,
    end: datetime.datetime,
    moving: Appointment | None,
) -> None:
    clashes = (
        Appointment.objects.active()
        .overlapping(start, end)
        .filter(Q(provider=provider) | Q(room=room) | Q(patient=patient))
        .select_related("office")
    )
    if moving is not None:
        clashes = clashes.exclude(pk=moving.pk)
    for clash in clashes[:3]:
        when = f"{_local(clash.start, clash.office)}-{time_format(clash.local_end, 'g:i A')}"
        if clash.patient_id == patient.pk:
            raise BookingConflict(
                f"{patient.full_name} already has an appointment at {clash.office} {when}.", resource="patient"
            )
        if clash.provider_id == provider.pk:
            raise BookingConflict(f"{provider} is already booked {when} at {clash.office}.", resource="provider")
        raise BookingConflict(f"{room.name} is already in use {when}.", resource="room")


def _resource_of(error: IntegrityError) -> str | None:
    cause = error.__cause__
    diag = getattr(cause, "diag", None)
    if getattr(cause, "sqlstate", None) != EXCLUSION_VIOLATION or diag is None:
        return None
    name = diag.constraint_name or ""
    return next((r for r in RESOURCE_WORDS if f"_{r}_" in name), "provider")


def _overlaps_refused_by_database() -> bool:
    """PostgreSQL's exclusion constraints refuse an overlap at the insert itself; asking first as
    well cost a query on every booking. Elsewhere the check before the insert is the guard."""
    return connection.vendor == "postgresql"


def _conflict_from(error: IntegrityError, *, explain: Callable[[], None] | None) -> BookingConflict:
    """The BookingConflict for an insert or update the exclusion constraints refused, worded by
    ``explain`` (the conflict check, which now sees the appointment in the way) when it can;
    any other IntegrityError is raised again."""
    resource = _resource_of(error)
    if resource is None:
        raise error
    if explain is not None:
        try:
            explain()
        except BookingConflict as conflict:
            return conflict
    return BookingConflict(
        f"That {RESOURCE_WORDS[resource]} is already booked at that time (another desk was a moment faster).",
        resource=resource,
    )


def _save_guarded(save: Callable[[], Any], *, explain: Callable[[], None] | None = None) -> None:
    """Run ``save`` in a savepoint, so the transaction can go on to explain a refused overlap."""
    try:
        with transaction.atomic():
            save()
    except IntegrityError as error:
        raise _conflict_from(error, explain=explain) from error


def _pick_resources(
    *,
    appointment_type: AppointmentType,
    office: Office,
    start: datetime.datetime,
    provider: StaffProfile | None,
    room: Room | None,
    patient: Patient,
    moving: Appointment | None,
    now: datetime.datetime,
) -> tuple[StaffProfile, Room]:
    """Fill in whichever of provider and room the front desk left to us."""
    day = start.astimezone(office.zone).date()
    for slot in find_slots(
        appointment_type=appointment_type,
        first_day=day,
        last_day=day,
        offices=[office],
        provider=provider,
        patient=patient,
        exclude=moving,
        step_minutes=GRID_MINUTES,
        now=now,
    ):
        if slot.start == start:
            # A room the desk chose is checked with the other conflicts just after.
            return slot.provider, room or slot.room
    raise BookingConflict(
        f"No {Role(appointment_type.provider_role).label.lower()} and "
        f"{Room.Kind(appointment_type.room_kind).label.lower()} are free at {office} at {_local(start, office)}.",
        resource="provider",
    )


def _with_alternatives(
    conflict: BookingConflict,
    *,
    appointment_type: AppointmentType,
    office: Office,
    start: datetime.datetime,
    patient: Patient,
    moving: Appointment | None,
) -> BookingConflict:
    """The next few free times after the refused one: called after the transaction has ended,
    so the search holds no lock, and bounded (ALTERNATIVES within ALTERNATIVE_DAYS)."""
    conflict.next_slots = next_slots(
        appointment_type=appointment_type,
        after=start,
        offices=[office],
        patient=patient,
        exclude=moving,
        limit=ALTERNATIVES,
        days=ALTERNATIVE_DAYS,
    )
    return conflict


def book_appointment(
    *,
    patient: Patient,
    appointment_type: AppointmentType,
    office: Office,
    start: datetime.datetime,
    by: Any,
    provider: StaffProfile | None = None,
    room: Room | None = None,
    notes: str = "",
    waitlist_entry: WaitlistEntry | None = None,
    now: datetime.datetime | None = None,
) -> Appointment:
    """Book ``patient`` for ``appointment_type`` at ``office`` from ``start`` (aware).

    Leave ``provider`` or ``room`` empty to take any free one. Raises BookingRefused
    for a request that can never work, BookingConflict (with ``next_slots``) when
    the time is taken.
    """
    now = now or timezone.now()
    _refuse_bad_request(
        appointment_type=appointment_type, office=office, start=start, provider=provider, room=room, now=now
    )
    if waitlist_entry is not None and waitlist_entry.patient_id != patient.pk:
        # Booking it would mark another patient's wait as served by this visit.
        raise BookingRefused("That waitlist entry belongs to another patient.", field="waitlist")
    start = start.astimezone(datetime.UTC)
    end = start + datetime.timedelta(minutes=appointment_type.duration_minutes)
    chosen: dict[str, Any] = {"provider": provider, "room": room}

    def conflicts() -> None:
        _refuse_conflicts(
            patient=patient, provider=chosen["provider"], room=chosen["room"], start=start, end=end, moving=None
        )

    def attempt() -> Appointment:
        picked_provider, picked_room = provider, room
        with transaction.atomic():
            if picked_provider is None or picked_room is None:
                picked_provider, picked_room = _pick_resources(
                    appointment_type=appointment_type,
                    office=office,
                    start=start,
                    provider=picked_provider,
                    room=picked_room,
                    patient=patient,
                    moving=None,
                    now=now,
                )
            chosen.update(provider=picked_provider, room=picked_room)
            _refuse_outside_availability(
                provider=picked_provider, office=office, appointment_type=appointment_type, start=start, end=end
            )
            if not _overlaps_refused_by_database():
                conflicts()
            appointment = Appointment(
                patient=patient,
                appointment_type=appointment_type,
                office=office,
                provider=picked_provider,
                room=picked_room,
                start=start,
                end=end,
                notes=notes,
                booked_by=by,
            )
            # No savepoint around the insert (two round trips on every booking): a refused
            # overlap ends this transaction, and the conflict is worded just below, after it.
            appointment.save()
            AppointmentEvent.objects.create(
                appointment=appointment, kind=AppointmentEvent.Kind.BOOKED, to_status=Status.BOOKED, by=by
            )
            # Booking what a patient was waiting for takes them off the waitlist.
            waiting = WaitlistEntry.objects.waiting().filter(patient=patient, appointment_type=appointment_type)
            if waitlist_entry is not None:
                waiting = waiting | WaitlistEntry.objects.filter(pk=waitlist_entry.pk)
            audited_update(waiting, status=WaitlistEntry.Status.BOOKED, booked_appointment=appointment)
            schedule_appointment_reminders(appointment=appointment, now=now)
        return appointment

    try:
        appointment = _retrying(attempt)
    except IntegrityError as error:
        raise _with_alternatives(
            _conflict_from(error, explain=conflicts),
            appointment_type=appointment_type,
            office=office,
            start=start,
            patient=patient,
            moving=None,
        ) from error
    except BookingConflict as conflict:
        raise _with_alternatives(
            conflict, appointment_type=appointment_type, office=office, start=start, patient=patient, moving=None
        ) from conflict.__cause__
    return appointment


def reschedule_appointment(
    *,
    appointment: Appointment,
    start: datetime.datetime,
    by: Any,
    office: Office | None = None,
    provider: StaffProfile | None = None,
    room: Room | None = None,
    reason: str = "",
    now: datetime.datetime | None = None,
) -> Appointment:
    """Move an appointment; its history keeps where and when it was before.

    The same appointment row moves (so anything attached to it, such as reminders,
    follows). Provider and room default to the current ones when staying at the
    same office, and to any free one otherwise.
    """
    now = now or timezone.now()
    office = office or appointment.office
    same_office = office.pk == appointment.office_id
    if provider is None and same_office:
        provider = appointment.provider
    if room is None and same_office:
        room = appointment.room
    appointment_type = appointment.appointment_type
    _refuse_bad_request(
        appointment_type=appointment_type, office=office, start=start, provider=provider, room=room, now=now
    )
    start = start.astimezone(datetime.UTC)
    end = start + datetime.timedelta(minutes=appointment_type.duration_minutes)

    def attempt() -> None:
        picked_provider, picked_room = provider, room
        with transaction.atomic():
            current = Appointment.objects.select_for_update().get(pk=appointment.pk)
            if not current.is_movable:
                raise InvalidTransition(f"A {current.get_status_display().lower()} appointment cannot be moved.")
            if picked_provider is None or picked_room is None:
                picked_provider, picked_room = _pick_resources(
                    appointment_type=appointment_type,
                    office=office,
                    start=start,
                    provider=picked_provider,
                    room=picked_room,
                    patient=current.patient,
                    moving=current,
                    now=now,
                )
            _refuse_outside_availability(
                provider=picked_provider, office=office, appointment_type=appointment_type, start=start, end=end
            )

            def conflicts() -> None:
                _refuse_conflicts(
                    patient=current.patient,
                    provider=picked_provider,
                    room=picked_room,
                    start=start,
                    end=end,
                    moving=current,
                )

            if not _overlaps_refused_by_database():
                conflicts()
            event = AppointmentEvent(
                appointment=current,
                kind=AppointmentEvent.Kind.MOVED,
                from_status=current.status,
                to_status=Status.BOOKED,
                previous_start=current.start,
                previous_provider=current.provider,
                previous_room=current.room,
                note=(reason or "").strip()[:200],
                by=by,
            )
            # A moved appointment needs confirming again.
            current.office, current.provider, current.room = office, picked_provider, picked_room
            current.start, current.end, current.status = start, end, Status.BOOKED
            _save_guarded(current.save, explain=conflicts)
            event.save()
            move_appointment_reminders(appointment=current, now=now)

    try:
        _retrying(attempt)
    except BookingConflict as conflict:
        raise _with_alternatives(
            conflict,
            appointment_type=appointment_type,
            office=office,
            start=start,
            patient=appointment.patient,
            moving=appointment,
        ) from conflict.__cause__
    appointment.refresh_from_db()
    return appointment


@transaction.atomic
def cancel_appointment(*, appointment: Appointment, reason: str, by: Any) -> list[WaitlistEntry]:
    """Cancel with a reason; returns the waitlisted patients who could take the freed slot, in order."""
    current = Appointment.objects.select_for_update().get(pk=appointment.pk)
    current.cancel(reason=reason, by=by)
    appointment.status, appointment.cancel_reason = current.status, current.cancel_reason
    cancel_appointment_reminders(appointment=current)
    matching = list(WaitlistEntry.objects.matching(current))
    offer_freed_slot(appointment=current, entries=matching)
    return matching


def change_status(*, appointment: Appointment, status: str, by: Any) -> Appointment:
    """Confirm, check in, complete or mark a no-show, under a row lock so two desks cannot race."""
    actions = {
        Status.CONFIRMED: Appointment.confirm,
        Status.CHECKED_IN: Appointment.check_in,
        Status.COMPLETED: Appointment.complete,
        Status.NO_SHOW: Appointment.mark_no_show,
    }
    if status not in actions:
        raise InvalidTransition("Use cancel_appointment to cancel, with a reason.")
    with transaction.atomic():
        current = Appointment.objects.select_for_update().get(pk=appointment.pk)
        actions[Status(status)](current, by=by)
    appointment.status = current.status
    return appointment
