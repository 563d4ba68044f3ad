"""The embedded default sends reminders: a real Celery worker with its beat, on the folder
broker, against a SQLite file, with no server anywhere (what `make run` starts without REDIS_URL).

Everything runs in subprocesses on their own database file, so the test process's
database and clock are not involved; the rows are written by a subprocess too.
"""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from scheduling.reminders.recording import read_records

ROOT = Path(__file__).resolve().parents[2]
CELERY = str(Path(sys.executable).with_name("celery"))

# Run inside the subprocess: a patient who said yes to texts, a booked duplex, and its
# text reminder due now. Prints the reminder's id.
SEED = """
import datetime, django
django.setup()
from django.utils import timezone
from scheduling.models import Reminder
from tests.factories import PatientFactory
from tests.factories.scheduling import AppointmentFactory
patient = PatientFactory(phone="+19255550142")
patient.set_consents(sms=True, email=True)
patient.save()
appointment = AppointmentFactory(patient=patient)
reminder = Reminder.objects.create(
    appointment=appointment, patient=patient, office=appointment.office, kind="reminder",
    channel="sms", offset_hours=48, due_at=timezone.now() - datetime.timedelta(minutes=1),
)
print(reminder.pk)
"""


@pytest.fixture
def embedded(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "REDIS_URL", "CELERY_TASK_ALWAYS_EAGER", "CELERY_TASK_DEFAULT_QUEUE")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="clinic.settings",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        CELERY_FOLDER=str(tmp_path / "celery"),
        SMS_BACKEND="scheduling.reminders.recording.RecordingSmsBackend",
        EMAIL_BACKEND="scheduling.reminders.recording.RecordingEmailBackend",
        REMINDER_RECORD_PATH=str(tmp_path / "messages.jsonl"),
        REMINDER_QUIET_HOURS="",
        # The beat's minute, shortened so the test waits seconds, not a minute.
        REMINDER_DISPATCH_SECONDS="1",
        LOG_LEVEL="WARNING",
    )

    def run(*args: str) -> str:
        return subprocess.run(args, cwd=ROOT, env=env, check=True, capture_output=True, text=True, timeout=300).stdout

    run(sys.executable, "manage.py", "migrate", "--no-input")
    workers: list[subprocess.Popen] = []

    def start_worker() -> subprocess.Popen:
        command = [CELERY, "-A", "clinic", "worker", "--beat", "--concurrency=1", "--without-gossip",
                   "--without-mingle", "--loglevel=WARNING"]  # fmt: skip
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        workers.append(process)
        return process

    yield run, start_worker, env
    for process in workers:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


def test_a_due_reminder_is_sent_by_the_embedded_worker_and_beat_without_any_server(embedded):
    run, start_worker, env = embedded
    reminder_id = int(run(sys.executable, "-c", SEED).strip().splitlines()[-1])
    worker = start_worker()

    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and not read_records(env["REMINDER_RECORD_PATH"]):
        assert worker.poll() is None, worker.stderr.read().decode()
        time.sleep(0.25)

    (record,) = read_records(env["REMINDER_RECORD_PATH"])
    assert record["key"] == f"veinflow-reminder-{reminder_id}"
    assert record["channel"] == "sms" and record["to"] == "+19255550142"
    status = run(
        sys.executable,
        "-c",
        "import django; django.setup(); from scheduling.models import Reminder; "
        f"print(Reminder.objects.get(pk={reminder_id}).status)",
    )
    assert status.strip() == "sent"
