"""Writes that change many rows at once (QuerySet.update, bulk_update) send no model
signals; each changed row of a PHI model still gets its own audit entry, with the actor."""

import datetime
import zoneinfo

import pytest
import time_machine
from auditlog.context import set_actor
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType

from clinic.models import AuditEntry
from clinic.roles import Role
from intake.accounts import decide_identity_change, request_identity_change
from scheduling.models import BookingRequest, Reminder, ReminderStatus, WaitlistEntry
from scheduling.services import book_appointment, cancel_appointment, reschedule_appointment
from scheduling.services.self_booking import withdraw_request
from tests.factories import PatientFactory, UserFactory
from tests.factories.portal import BookingRequestFactory
from tests.factories.scheduling import WaitlistEntryFactory, appointment_type, clinic_day
from tests.helpers import count_queries
from tests.scheduling.conftest import at

pytestmark = pytest.mark.django_db

LA = zoneinfo.ZoneInfo("America/Los_Angeles")
NOW = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=LA)
VISIT_DAY = datetime.date(2026, 3, 12)


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


def updates_of(model: type, pk: int) -> list[AuditEntry]:
    return list(
        AuditEntry.objects.filter(
            action=AuditEntry.Action.UPDATE, content_type=ContentType.objects.get_for_model(model), object_pk=str(pk)
        ).order_by("pk")
    )


def book(office, front_desk, **extra):
    return book_appointment(
        appointment_type=appointment_type("duplex"), office=office, start=at(VISIT_DAY, 10), by=front_desk, **extra
    )


def test_booking_a_waitlisted_patient_records_the_waitlist_entry_taken_off(office, front_desk) -> None:
    clinic_day(office)
    entry = WaitlistEntryFactory()
    with set_actor(front_desk):
        appointment = book(office, front_desk, patient=entry.patient, waitlist_entry=entry)
    (change,) = updates_of(WaitlistEntry, entry.pk)
    assert change.actor == front_desk
    assert change.changes["status"] == ["waiting", "booked"]
    assert change.changes["booked_appointment"] == [None, appointment.pk]


def test_cancelling_records_each_reminder_cancelled(office, front_desk) -> None:
    clinic_day(office)
    appointment = book(office, front_desk, patient=PatientFactory())
    reminders = list(appointment.reminders.all())
    assert len(reminders) >= 2
    with set_actor(front_desk):
        cancel_appointment(appointment=appointment, reason="Patient called", by=front_desk)
    for reminder in reminders:
        (change,) = updates_of(Reminder, reminder.pk)
        assert change.changes == {"status": [ReminderStatus.PENDING, ReminderStatus.CANCELLED]}
        assert change.actor == front_desk


def test_moving_a_visit_records_each_reminder_moved(office, front_desk) -> None:
    clinic_day(office)
    appointment = book(office, front_desk, patient=PatientFactory())
    with set_actor(front_desk):
        reschedule_appointment(
            appointment=appointment, start=at(VISIT_DAY + datetime.timedelta(days=1), 11), by=front_desk
        )
    moved = Reminder.objects.filter(appointment=appointment, status=ReminderStatus.PENDING)
    assert moved
    for reminder in moved:
        (change,) = updates_of(Reminder, reminder.pk)
        assert set(change.changes) == {"due_at"}


def test_withdrawing_a_portal_request_is_recorded(patient_user) -> None:
    request = BookingRequestFactory(patient=patient_user.patient)
    with set_actor(patient_user):
        withdraw_request(booking_request=request)
    (change,) = updates_of(BookingRequest, request.pk)
    assert change.changes["status"] == ["pending", "withdrawn"]
    assert change.actor == patient_user


def test_an_approved_name_change_records_the_portal_account_renamed(front_desk) -> None:
    account = UserFactory(role=Role.PATIENT, first_name="Ann", last_name="Lee")
    patient = PatientFactory(user=account, first_name="Ann", last_name="Lee")
    change = request_identity_change(
        patient=patient, first_name="Anne", last_name="Lee", date_of_birth=patient.date_of_birth, by=account
    )
    before = len(updates_of(get_user_model(), account.pk))
    with set_actor(front_desk):
        decide_identity_change(change=change, approve=True, by=front_desk)
    (renamed,) = updates_of(get_user_model(), account.pk)[before:]
    assert renamed.changes == {"first_name": ["Ann", "Anne"]}
    assert renamed.actor == front_desk


def test_an_audited_bulk_change_costs_the_same_queries_for_1_and_20_rows() -> None:
    from clinic.audit import audited_update
    from tests.factories.reminders import ReminderFactory

    one = ReminderFactory()
    many = ReminderFactory.create_batch(20)
    single = count_queries(lambda: audited_update(Reminder.objects.filter(pk=one.pk), status=ReminderStatus.CANCELLED))
    batch = count_queries(
        lambda: audited_update(Reminder.objects.filter(pk__in=[r.pk for r in many]), status=ReminderStatus.CANCELLED)
    )
    assert single == batch
    updated = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Reminder), action=AuditEntry.Action.UPDATE
    )
    assert updated.count() == 21
