"""Dispatch in-process: what goes out, what is skipped, retried, failed, deferred; never twice."""

import datetime
import uuid

import pytest
from django.core import mail
from django.utils import timezone

from scheduling.models import ContactPreference, Reminder, ReminderStatus
from scheduling.reminders import dispatch
from scheduling.reminders.sms import InvalidNumber, TransientSmsError
from tests.factories.reminders import ReminderFactory
from tests.factories.scheduling import AppointmentFactory, appointment_type
from tests.scheduling.conftest import run_beat

pytestmark = pytest.mark.django_db

# Quiet hours stay at their default (21:00-08:00); the suite's clock is 10:30 in Los
# Angeles, so a due text goes out. Night-time deferral is in test_reminder_quiet_hours.py.


def texting(reminder):
    reminder.patient.set_consents(sms=True, email=True)
    reminder.patient.save()
    return reminder


def test_a_due_text_is_sent_once_and_marked_with_the_provider_id(
    recorded, settings, django_capture_on_commit_callbacks
):
    reminder = texting(ReminderFactory())
    run_beat(django_capture_on_commit_callbacks)
    run_beat(django_capture_on_commit_callbacks)
    reminder.refresh_from_db()
    assert reminder.status == ReminderStatus.SENT
    assert reminder.provider_message_id == f"rec-veinflow-reminder-{reminder.pk}"
    assert [r["key"] for r in recorded()] == [reminder.idempotency_key]


def test_a_text_says_where_and_when_but_never_the_procedure(recorded, settings, django_capture_on_commit_callbacks):
    appointment = AppointmentFactory(appointment_type=appointment_type("rfa"))
    texting(ReminderFactory(appointment=appointment))
    run_beat(django_capture_on_commit_callbacks)
    (text,) = [r["body"] for r in recorded()]
    assert appointment.office.name in text and appointment.office.phone in text
    assert "ablation" not in text.lower() and "closurefast" not in text.lower()
    assert appointment.patient.last_name not in text


def test_a_spanish_speaking_patient_gets_the_spanish_text(recorded, django_capture_on_commit_callbacks):
    reminder = texting(ReminderFactory())
    reminder.patient.preferred_language = "es"
    reminder.patient.save()
    run_beat(django_capture_on_commit_callbacks)
    (text,) = [r["body"] for r in recorded()]
    assert "le recordamos su cita" in text and "Responda STOP" in text


def test_an_email_reminder_carries_the_appointment_as_an_ics(recorded, django_capture_on_commit_callbacks):
    reminder = ReminderFactory(channel="email")
    run_beat(django_capture_on_commit_callbacks)
    (message,) = mail.outbox
    assert message.to == [reminder.patient.email]
    name, content, mimetype = message.attachments[0]
    assert (name, mimetype) == ("appointment.ics", "text/calendar")
    assert "BEGIN:VEVENT" in content and f"appointment-{reminder.appointment_id}@veinflow" in content
    assert "/r/confirm/" in message.body and "/r/cancel/" in message.body
    reminder.refresh_from_db()
    assert reminder.provider_message_id == f"<veinflow-reminder-{reminder.pk}@veinflow>"


def test_a_patient_without_consent_to_text_gets_no_text(recorded, django_capture_on_commit_callbacks):
    reminder = ReminderFactory()  # the factory's patient consented to email only
    run_beat(django_capture_on_commit_callbacks)
    reminder.refresh_from_db()
    assert (reminder.status, reminder.error) == (ReminderStatus.SKIPPED, "no consent to text")
    assert recorded() == []


def test_a_patient_who_replied_stop_gets_no_text(recorded, django_capture_on_commit_callbacks):
    reminder = texting(ReminderFactory())
    ContactPreference.objects.create(patient=reminder.patient, sms_opted_out_at=timezone.now())
    run_beat(django_capture_on_commit_callbacks)
    reminder.refresh_from_db()
    assert reminder.status == ReminderStatus.SKIPPED
    assert recorded() == []


def test_a_patient_who_chose_email_only_gets_no_text(recorded, django_capture_on_commit_callbacks):
    reminder = texting(ReminderFactory())
    ContactPreference.objects.create(patient=reminder.patient, channels="email")
    run_beat(django_capture_on_commit_callbacks)
    reminder.refresh_from_db()
    assert reminder.status == ReminderStatus.SKIPPED


def test_a_reminder_of_a_cancelled_appointment_is_not_sent(recorded, django_capture_on_commit_callbacks):
    reminder = texting(ReminderFactory())
    reminder.appointment.status, reminder.appointment.cancel_reason = "cancelled", "Patient called"
    reminder.appointment.save()
    run_beat(django_capture_on_commit_callbacks)
    reminder.refresh_from_db()
    assert reminder.status == ReminderStatus.SKIPPED
    assert recorded() == []


class Refusing:
    def send(self, *, to, body, idempotency_key):
        raise InvalidNumber("twilio 400 error 21211")


class Flaky:
    def send(self, *, to, body, idempotency_key):
        raise TransientSmsError("twilio 503")


def test_an_invalid_number_fails_once_and_is_reported_on_the_patient(
    settings, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(dispatch, "get_sms_backend", Refusing)
    reminder = texting(ReminderFactory())
    later = texting(ReminderFactory(appointment=reminder.appointment, patient=reminder.patient))
    run_beat(django_capture_on_commit_callbacks)
    reminder.refresh_from_db()
    later.refresh_from_db()
    assert reminder.status == ReminderStatus.FAILED or later.status == ReminderStatus.FAILED
    # The second text is not tried against a number already refused.
    assert {reminder.status, later.status} == {ReminderStatus.FAILED, ReminderStatus.SKIPPED}
    preference = ContactPreference.objects.get(patient=reminder.patient)
    assert preference.phone_is_invalid and "21211" in preference.invalid_phone_reason


def test_a_provider_outage_retries_with_growing_waits_then_gives_up(
    settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.REMINDER_MAX_ATTEMPTS = 3
    monkeypatch.setattr(dispatch, "get_sms_backend", Flaky)
    reminder = texting(ReminderFactory())
    waits = []
    for _ in range(3):
        before = timezone.now()
        run_beat(django_capture_on_commit_callbacks)
        reminder.refresh_from_db()
        if reminder.status == ReminderStatus.PENDING:
            waits.append(round((reminder.due_at - before).total_seconds() / 60))
            Reminder.objects.filter(pk=reminder.pk).update(due_at=before)
    assert waits == [1, 2]
    assert reminder.status == ReminderStatus.FAILED
    assert "gave up after 3 tries" in reminder.error


def test_two_beats_at_once_claim_disjoint_batches(recorded):
    rows = [texting(ReminderFactory()) for _ in range(5)]
    first, first_token = dispatch.claim_due_batch(now=timezone.now(), size=3)
    second, second_token = dispatch.claim_due_batch(now=timezone.now(), size=3)
    assert not set(first) & set(second)
    assert set(first) | set(second) == {r.pk for r in rows}
    assert first_token != second_token


def test_a_batch_delivered_twice_sends_nothing_the_second_time(recorded):
    texting(ReminderFactory())
    ids, token = dispatch.claim_due_batch(now=timezone.now(), size=10)
    assert dispatch.send_batch(ids, str(token)).sent == 1
    assert dispatch.send_batch(ids, str(token)).not_ours == 1
    assert len(recorded()) == 1


def test_a_claim_whose_worker_died_is_reaped_after_its_lease_and_sent_with_the_same_key(
    recorded, django_capture_on_commit_callbacks
):
    reminder = texting(ReminderFactory())
    ids, dead_token = dispatch.claim_due_batch(now=timezone.now(), size=10)
    Reminder.objects.filter(pk=reminder.pk).update(lease_until=timezone.now() - datetime.timedelta(seconds=1))
    assert run_beat(django_capture_on_commit_callbacks)["reaped"] == 1
    # The dead worker's batch, redelivered by the broker, finds the row no longer its own.
    assert dispatch.send_batch(ids, str(dead_token)).not_ours == 1
    reminder.refresh_from_db()
    assert reminder.status == ReminderStatus.SENT
    assert [r["key"] for r in recorded()] == [reminder.idempotency_key]


def test_a_token_that_never_claimed_anything_sends_nothing(recorded):
    reminder = texting(ReminderFactory())
    assert dispatch.send_batch([reminder.pk], str(uuid.uuid4())).not_ours == 1
    assert recorded() == []


def test_a_waitlist_offer_is_not_sent_once_the_patient_has_booked(recorded, django_capture_on_commit_callbacks):
    from scheduling.models import WaitlistEntry
    from scheduling.services.reminders import offer_freed_slot
    from tests.factories.scheduling import WaitlistEntryFactory

    freed = AppointmentFactory(start=timezone.now() + datetime.timedelta(days=3))
    entry = WaitlistEntryFactory()
    offer_freed_slot(appointment=freed, entries=[entry])
    WaitlistEntry.objects.filter(pk=entry.pk).update(status="booked")
    run_beat(django_capture_on_commit_callbacks)
    assert set(Reminder.objects.values_list("status", flat=True)) == {ReminderStatus.SKIPPED}
