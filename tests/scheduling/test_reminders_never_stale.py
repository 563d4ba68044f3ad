"""A reminder a worker has already claimed follows its appointment up to the moment it is sent.

"Mid-batch": the worker has read its batch and is sending the first message when the
desk cancels or moves the second visit. Also: a batch the broker refused is handed
back at once instead of waiting out its lease.
"""

import datetime

import pytest
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerOperationalError

from scheduling.models import Appointment, Reminder, ReminderStatus, Status
from scheduling.reminders import dispatch
from scheduling.services import book_appointment, cancel_appointment, reschedule_appointment
from scheduling.tasks import send_reminder_batch
from tests.clock import days_ahead
from tests.factories import PatientFactory
from tests.factories.scheduling import appointment_type
from tests.scheduling.conftest import at, run_beat

pytestmark = pytest.mark.django_db


def booked_text(office, front_desk, hour: int) -> Reminder:
    """A duplex two days ahead for a patient who may be texted; its text reminder, due now."""
    patient = PatientFactory()
    patient.set_consents(sms=True, email=True)
    patient.save()
    appointment = book_appointment(
        patient=patient, appointment_type=appointment_type("duplex"), office=office, start=at(days_ahead(2), hour),
        by=front_desk,
    )  # fmt: skip
    text = appointment.reminders.live().filter(channel="sms").order_by("offset_hours").first()
    Reminder.objects.filter(appointment=appointment).exclude(pk=text.pk).update(status=ReminderStatus.CANCELLED)
    Reminder.objects.filter(pk=text.pk).update(due_at=timezone.now() - datetime.timedelta(minutes=1))
    return text


def while_sending_the_first(monkeypatch, action) -> None:
    """Run ``action`` once, while the worker is handing its first message to the provider."""
    deliver = dispatch.Dispatcher.deliver
    done = []

    def deliver_then_act(self, reminder):
        message_id = deliver(self, reminder)
        if not done:
            done.append(True)
            action()
        return message_id

    monkeypatch.setattr(dispatch.Dispatcher, "deliver", deliver_then_act)


def send_claimed_batch() -> dispatch.BatchReport:
    ids, token = dispatch.claim_due_batch(now=timezone.now(), size=10)
    return dispatch.send_batch(ids, str(token))


def test_a_claimed_text_for_a_visit_cancelled_mid_batch_is_not_sent(recorded, duplex_day, front_desk, monkeypatch):
    office = duplex_day[0]
    first, second = booked_text(office, front_desk, 9), booked_text(office, front_desk, 11)
    while_sending_the_first(
        monkeypatch, lambda: cancel_appointment(appointment=second.appointment, reason="patient called", by=front_desk)
    )

    report = send_claimed_batch()

    assert [r["key"] for r in recorded()] == [first.idempotency_key]
    assert (report.sent, report.not_ours) == (1, 1)
    second.refresh_from_db()
    assert (second.status, second.claim_token) == (ReminderStatus.CANCELLED, None)


def test_a_claimed_text_for_a_visit_moved_mid_batch_goes_out_with_the_new_time_not_the_old(
    recorded, duplex_day, front_desk, monkeypatch, django_capture_on_commit_callbacks, clock
):
    office = duplex_day[0]
    first, second = booked_text(office, front_desk, 9), booked_text(office, front_desk, 11)
    new_start = at(days_ahead(1), 14)
    while_sending_the_first(
        monkeypatch,
        lambda: reschedule_appointment(appointment=second.appointment, start=new_start, by=front_desk),
    )

    send_claimed_batch()

    assert [r["key"] for r in recorded()] == [first.idempotency_key]
    second.refresh_from_db()
    assert second.status == ReminderStatus.CANCELLED and "moved" in second.error
    # The rule gets a new row, under a new key, which goes at its time with the new time in it.
    replacement = second.appointment.reminders.get(status=ReminderStatus.PENDING, channel="sms")
    assert replacement.due_at == new_start - datetime.timedelta(hours=24)
    clock.move_to(replacement.due_at)
    run_beat(django_capture_on_commit_callbacks)
    moved_text = recorded()[-1]
    assert moved_text["key"] == replacement.idempotency_key
    assert "2:00 PM" in moved_text["body"] and "11:00 AM" not in moved_text["body"]
    assert second.appointment.reminders.filter(status=ReminderStatus.SENT, channel="sms").count() == 1


def test_a_visit_cancelled_behind_the_services_back_is_still_skipped_at_send_time(
    recorded, duplex_day, front_desk, monkeypatch
):
    office = duplex_day[0]
    first, second = booked_text(office, front_desk, 9), booked_text(office, front_desk, 11)
    while_sending_the_first(
        monkeypatch,
        lambda: Appointment.objects.filter(pk=second.appointment_id).update(
            status=Status.CANCELLED, cancel_reason="entered in the admin"
        ),
    )

    send_claimed_batch()

    assert [r["key"] for r in recorded()] == [first.idempotency_key]
    second.refresh_from_db()
    assert (second.status, second.error) == (ReminderStatus.SKIPPED, "appointment cancelled")


def test_a_visit_moved_behind_the_services_back_is_texted_with_its_new_time(
    recorded, duplex_day, front_desk, monkeypatch
):
    office = duplex_day[0]
    first, second = booked_text(office, front_desk, 9), booked_text(office, front_desk, 11)
    later = second.appointment.start + datetime.timedelta(hours=4)
    while_sending_the_first(
        monkeypatch,
        lambda: Appointment.objects.filter(pk=second.appointment_id).update(
            start=later, end=later + datetime.timedelta(minutes=45)
        ),
    )

    send_claimed_batch()

    assert [r["key"] for r in recorded()] == [first.idempotency_key, second.idempotency_key]
    last = recorded()[-1]
    assert "3:00 PM" in last["body"] and "11:00 AM" not in last["body"]


def test_a_batch_the_broker_refused_is_handed_back_at_once_and_goes_with_the_next_beat(
    recorded, duplex_day, front_desk, monkeypatch, django_capture_on_commit_callbacks
):
    text = booked_text(duplex_day[0], front_desk, 9)

    def broker_down(*args, **kwargs):
        raise BrokerOperationalError("[Errno 111] Connection refused")

    with monkeypatch.context() as patch:
        patch.setattr(send_reminder_batch, "delay", broker_down)
        run_beat(django_capture_on_commit_callbacks)
    text.refresh_from_db()
    assert (text.status, text.claim_token, text.lease_until) == (ReminderStatus.PENDING, None, None)
    assert recorded() == []

    run_beat(django_capture_on_commit_callbacks)
    text.refresh_from_db()
    assert text.status == ReminderStatus.SENT
    assert [r["key"] for r in recorded()] == [text.idempotency_key]
