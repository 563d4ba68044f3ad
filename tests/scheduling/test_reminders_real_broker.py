"""Reminders through real Redis and real worker processes: end to end, and the fault test.

Worker processes need to see the test's committed rows, so these run on PostgreSQL
(the pytest database, by name) with REDIS_URL set, as CI does.
"""

import datetime
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings as django_settings
from django.db import connection, connections
from django.utils import timezone

from scheduling.models import Reminder, ReminderStatus, Status
from scheduling.reminders.recording import read_records
from scheduling.services import book_appointment, reschedule_appointment
from scheduling.tasks import dispatch_due_reminders
from tests.factories import PatientFactory
from tests.factories.scheduling import AppointmentFactory, appointment_type, clinic_day
from tests.scheduling.conftest import at

pytestmark = [
    pytest.mark.real_broker,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql" or not django_settings.REDIS_URL,
        reason="needs PostgreSQL and REDIS_URL: worker processes share the test database and a real broker",
    ),
]

ROOT = Path(__file__).resolve().parents[2]
CELERY = str(Path(sys.executable).with_name("celery"))
LEASE_SECONDS = 20


def database_url() -> str:
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class Workers:
    def __init__(self, tmp_path: Path, queue: str) -> None:
        self.record = tmp_path / "messages.jsonl"
        self.queue = queue
        self.processes: list[subprocess.Popen] = []
        self.env = {
            **os.environ,
            "DATABASE_URL": database_url(),
            "DATABASE_POOL": "false",
            "REDIS_URL": django_settings.REDIS_URL,
            "CELERY_TASK_DEFAULT_QUEUE": queue,
            "SMS_BACKEND": "scheduling.reminders.recording.RecordingSmsBackend",
            "EMAIL_BACKEND": "scheduling.reminders.recording.RecordingEmailBackend",
            "REMINDER_RECORD_PATH": str(self.record),
            "REMINDER_QUIET_HOURS": "",
            "REMINDER_LEASE_SECONDS": str(LEASE_SECONDS),
            "RECORDING_SEND_SECONDS": "0.002",
            "LOG_LEVEL": "WARNING",
        }

    def start(self, count: int, pool: tuple[str, ...] = ("--pool=solo",)) -> None:
        from clinic.celery import app

        for index in range(count):
            name = f"w{index}-{self.queue}@localhost"
            command = [CELERY, "-A", "clinic", "worker", *pool, "-Q", self.queue, "-n", name,
                       "--without-gossip", "--without-mingle", "--loglevel=WARNING"]  # fmt: skip
            self.processes.append(subprocess.Popen(command, cwd=ROOT, env=self.env))
        deadline = time.monotonic() + 120  # prefork pools start slowly on a busy 2-core machine
        while time.monotonic() < deadline:
            exited = [p.returncode for p in self.processes if p.poll() is not None]
            if exited:
                pytest.fail(f"a worker process exited at start-up with status {exited} (its error is above)")
            replies = app.control.ping(timeout=0.5)
            if sum(1 for reply in replies for name in reply if self.queue in name) >= count:
                return
        pytest.fail("the worker processes did not start")

    def records(self) -> list[dict]:
        return read_records(self.record)

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


@pytest.fixture
def workers(tmp_path, settings):
    from clinic.celery import app

    queue = f"reminders-{uuid.uuid4().hex[:8]}"
    previous = app.conf.task_default_queue
    app.conf.task_default_queue = queue
    settings.REMINDER_LEASE_SECONDS = LEASE_SECONDS
    settings.REMINDER_BATCH_SIZE = 100
    settings.REMINDER_RATE_PER_SECOND = 0
    group = Workers(tmp_path, queue)
    yield group
    group.stop()
    app.conf.task_default_queue = previous


def wait_until(condition, seconds: float, beat_every: float | None = None) -> None:
    deadline = time.monotonic() + seconds
    last_beat = time.monotonic()
    while time.monotonic() < deadline:
        if condition():
            return
        if beat_every and time.monotonic() - last_beat > beat_every:
            dispatch_due_reminders()
            last_beat = time.monotonic()
        time.sleep(0.05)
    assert condition(), "timed out"


def test_booking_sends_an_email_with_its_ics_through_a_worker_and_its_confirm_link_confirms(
    workers, front_desk, client
):
    office, _, _ = clinic_day()
    patient = PatientFactory()
    day = timezone.localdate() + datetime.timedelta(days=6)
    appointment = book_appointment(
        patient=patient, appointment_type=appointment_type("duplex"), office=office, start=at(day, 9), by=front_desk
    )
    reschedule_appointment(appointment=appointment, start=at(day, 11), by=front_desk)
    email = appointment.reminders.live().get(channel="email")
    assert email.due_at == appointment.start - datetime.timedelta(hours=72)
    Reminder.objects.filter(pk=email.pk).update(due_at=timezone.now())
    workers.start(1)
    dispatch_due_reminders()
    wait_until(lambda: Reminder.objects.get(pk=email.pk).status == ReminderStatus.SENT, 60)

    (record,) = workers.records()
    assert record["to"] == [patient.email]
    (ics,) = record["attachments"]
    assert ics["name"] == "appointment.ics" and "BEGIN:VEVENT" in ics["content"]
    assert appointment.start.strftime("%Y%m%dT%H%M%SZ") in ics["content"]
    link = next(word for word in record["body"].split() if "/r/confirm/" in word)
    client.post(urlsplit(link).path)
    appointment.refresh_from_db()
    assert appointment.status == Status.CONFIRMED


def seed_due_texts(appointments: int, per_appointment: int) -> list[int]:
    rows = []
    for _ in range(appointments):
        appointment = AppointmentFactory()
        appointment.patient.set_consents(sms=True, email=True)
        appointment.patient.save()
        rows += [
            Reminder(
                appointment=appointment,
                patient=appointment.patient,
                office=appointment.office,
                kind="reminder",
                channel="sms",
                offset_hours=offset,
                due_at=timezone.now() - datetime.timedelta(minutes=1),
            )
            for offset in range(1, per_appointment + 1)
        ]
    return [r.pk for r in Reminder.objects.bulk_create(rows)]


def fire_beat_twice_at_once() -> None:
    def beat() -> None:
        try:
            dispatch_due_reminders()
        finally:
            connections.close_all()

    threads = [threading.Thread(target=beat) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def test_a_worker_killed_mid_batch_loses_nothing_and_sends_nothing_twice(workers):
    ids = seed_due_texts(appointments=30, per_appointment=100)
    workers.start(2)
    victim = workers.processes[0]

    fire_beat_twice_at_once()
    wait_until(lambda: sum(1 for r in workers.records() if r["pid"] == victim.pid) >= 20, 60)
    victim.send_signal(signal.SIGKILL)
    victim.wait(timeout=10)
    assert len(workers.records()) < len(ids), "the victim was killed after everything was sent"
    assert Reminder.objects.filter(status=ReminderStatus.SENDING).exists(), "the victim held no claim"

    # The next beats reap the victim's claims once their lease has run out; the survivor sends them.
    wait_until(lambda: Reminder.objects.filter(status=ReminderStatus.SENT).count() == len(ids), 180, beat_every=2)

    records = workers.records()
    delivered = Counter(r["key"] for r in records if r["accepted"])
    assert set(delivered) == {f"veinflow-reminder-{pk}" for pk in ids}, "lost"
    assert max(delivered.values()) == 1, "sent twice"
    # At most one message was in the victim's hands when it died: the only one that can be tried twice.
    assert len(records) - len(ids) <= 1
    sent = dict(Reminder.objects.values_list("pk", "provider_message_id"))
    assert all(sent[pk] == f"rec-veinflow-reminder-{pk}" for pk in ids)


def test_killing_both_pool_processes_mid_batch_duplicates_at_most_one_message_each_at_once(workers, settings):
    """The bound scheduling.reminders.dispatch documents: one message per pool process, sent
    again straight away through redelivery (reject_on_worker_lost), not after the lease."""
    settings.REMINDER_LEASE_SECONDS = 3600  # far longer than the test: nothing may wait for the reaper
    workers.env["REMINDER_LEASE_SECONDS"] = "3600"
    # Start-up refuses a broker visibility timeout that does not outlast the lease.
    workers.env["CELERY_VISIBILITY_TIMEOUT"] = "7200"
    settings.REMINDER_BATCH_SIZE = 500
    ids = seed_due_texts(appointments=20, per_appointment=100)
    workers.start(1, pool=("--pool=prefork", "--concurrency=2"))

    fire_beat_twice_at_once()
    senders: set[int] = set()

    def both_pool_processes_are_sending() -> bool:
        senders.update(r["pid"] for r in workers.records())
        return len(senders) >= 2

    wait_until(both_pool_processes_are_sending, 60)
    for pid in senders:
        os.kill(pid, signal.SIGKILL)
    assert len(workers.records()) < len(ids), "the pool processes were killed after everything was sent"

    # No beat from here on: only redelivery can finish the two interrupted batches.
    wait_until(lambda: Reminder.objects.filter(status=ReminderStatus.SENT).count() == len(ids), 180)

    records = workers.records()
    delivered = Counter(r["key"] for r in records if r["accepted"])
    assert set(delivered) == {f"veinflow-reminder-{pk}" for pk in ids}, "lost"
    assert max(delivered.values()) == 1, "a provider that honours keys delivered one twice"
    # Each killed pool process had at most one message between the provider's answer and its mark.
    assert len(records) - len(ids) <= 2
