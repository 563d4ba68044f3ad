"""Reminder rows follow the appointment: created at booking, moved, cancelled; offers and trials."""

import datetime

import pytest
from django.utils import timezone

from scheduling.models import MessageKind, Reminder, ReminderStatus
from scheduling.services import book_appointment, cancel_appointment, reschedule_appointment
from scheduling.services.reminders import schedule_compression_trial_reminder
from tests.clock import SUITE_NOW, days_ahead
from tests.factories import PatientFactory
from tests.factories.scheduling import WaitlistEntryFactory, appointment_type, clinic_day
from tests.scheduling.conftest import at

pytestmark = pytest.mark.django_db

NOW = SUITE_NOW
IN_A_WEEK = days_ahead(7)


@pytest.fixture
def procedure_day(office):
    from clinic.models import Room
    from clinic.roles import Role

    return clinic_day(office, kind=Room.Kind.PROCEDURE, role=Role.PHYSICIAN)


def book(office, front_desk, code="duplex", when=None, patient=None):
    return book_appointment(
        patient=patient or PatientFactory(),
        appointment_type=appointment_type(code),
        office=office,
        start=when or at(IN_A_WEEK, 10),
        by=front_desk,
        now=NOW,
    )


def live(appointment):
    return {(r.kind, r.channel): r.due_at for r in appointment.reminders.live()}


def test_booking_a_duplex_creates_an_email_three_days_and_a_text_one_day_before(duplex_day, office, front_desk):
    appointment = book(office, front_desk)
    assert live(appointment) == {
        ("reminder", "email"): appointment.start - datetime.timedelta(hours=72),
        ("reminder", "sms"): appointment.start - datetime.timedelta(hours=24),
    }


def test_booking_a_procedure_adds_preparation_and_a_check_the_day_after(procedure_day, office, front_desk):
    appointment = book(office, front_desk, code="rfa")
    rows = live(appointment)
    assert rows[("preparation", "email")] == appointment.start - datetime.timedelta(hours=48)
    assert rows[("aftercare_check", "sms")] == appointment.start + datetime.timedelta(hours=24)


def test_a_visit_booked_inside_the_email_window_gets_its_email_at_once(duplex_day, office, front_desk):
    in_two_days = (NOW + datetime.timedelta(days=2)).astimezone(office.zone).date()
    appointment = book(office, front_desk, when=at(in_two_days, 15))
    rows = live(appointment)
    assert set(rows) == {("reminder", "email"), ("reminder", "sms")}
    assert rows[("reminder", "email")] == NOW
    assert rows[("reminder", "sms")] == appointment.start - datetime.timedelta(hours=24)


def test_a_visit_booked_for_tomorrow_gets_one_text_not_one_per_passed_rule(duplex_day, office, front_desk):
    tomorrow = (NOW + datetime.timedelta(days=1)).astimezone(office.zone).date()
    appointment = book(office, front_desk, when=at(tomorrow, 15))
    assert sorted(appointment.reminders.live().values_list("channel", flat=True)) == ["email", "sms"]


def test_rescheduling_moves_every_pending_reminder_to_the_new_time(duplex_day, office, front_desk):
    appointment = book(office, front_desk)
    ids = set(appointment.reminders.values_list("pk", flat=True))
    later = at(IN_A_WEEK + datetime.timedelta(days=2), 11)
    reschedule_appointment(appointment=appointment, start=later, by=front_desk, now=NOW)
    assert set(appointment.reminders.live().values_list("pk", flat=True)) == ids
    assert live(appointment)[("reminder", "sms")] == later - datetime.timedelta(hours=24)


def test_rescheduling_into_the_email_window_sends_the_new_time_at_once(duplex_day, office, front_desk):
    appointment = book(office, front_desk)
    email = appointment.reminders.get(channel="email")
    in_two_days = (NOW + datetime.timedelta(days=2)).astimezone(office.zone).date()
    reschedule_appointment(appointment=appointment, start=at(in_two_days, 15), by=front_desk, now=NOW)
    assert set(live(appointment)) == {("reminder", "email"), ("reminder", "sms")}
    email.refresh_from_db()
    assert (email.status, email.due_at) == (ReminderStatus.PENDING, NOW)


def test_cancelling_removes_every_pending_reminder(duplex_day, office, front_desk):
    appointment = book(office, front_desk)
    cancel_appointment(appointment=appointment, reason="Patient is travelling", by=front_desk)
    assert not appointment.reminders.live().exists()
    assert appointment.reminders.filter(status=ReminderStatus.CANCELLED).count() == 2


def test_a_freed_slot_is_offered_to_the_first_three_waiting_patients(duplex_day, office, front_desk):
    appointment = book(office, front_desk, when=at(timezone.localdate() + datetime.timedelta(days=5), 10))
    waiting = [WaitlistEntryFactory(office=None) for _ in range(4)]
    cancel_appointment(appointment=appointment, reason="Patient is travelling", by=front_desk)
    offers = Reminder.objects.filter(kind=MessageKind.WAITLIST_OFFER)
    assert {r.patient_id for r in offers} == {w.patient_id for w in waiting[:3]}
    assert {r.subject_time for r in offers} == {appointment.start}
    assert not offers.filter(patient=appointment.patient).exists()


def test_a_compression_trial_gets_a_message_three_days_before_it_ends(office):
    patient = PatientFactory()
    ends = NOW + datetime.timedelta(weeks=12)
    rows = schedule_compression_trial_reminder(patient=patient, office=office, due_at=ends, now=NOW)
    assert {r.channel for r in rows} == {"email", "sms"}
    assert {r.due_at for r in rows if r.channel == "email"} == {ends - datetime.timedelta(days=3)}
    assert all(r.subject_time == ends and r.appointment is None for r in rows)


def test_a_compression_trial_time_without_a_zone_is_refused(office):
    with pytest.raises(ValueError):
        schedule_compression_trial_reminder(
            patient=PatientFactory(), office=office, due_at=datetime.datetime(2026, 3, 1)
        )
