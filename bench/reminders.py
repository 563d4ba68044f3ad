"""P4: reminder dispatch through the real broker and real worker processes.

In one run, against the same database, Redis and two worker processes:
- batched: 100,000 due reminders, claimed by the beat task and sent in batches (ids only);
- naive: one Celery task per reminder (bench.reminder_tasks), sized smaller (NAIVE) since it
  is the slow pattern; rates per second are compared;
- rate: with REMINDER_RATE_PER_SECOND set, the busiest second the recording backend saw.
Everything goes to the recording backends; quiet hours are off (the bench may run at night).
The workers run production's settings (batch size, prefetch multiplier 1, late acks, the
'sent' mark's commit): two solo-pool processes are what `celery worker --concurrency=2`
forks, one task at a time each. `python -m bench reminders` runs P4 alone.
"""

import datetime
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from clinic.models import Office, Room, StaffProfile
from intake.models import Patient
from scheduling.models import Appointment, AppointmentType, Reminder, ReminderStatus
from scheduling.reminders.recording import read_records

GOAL = 10.0
APPOINTMENTS = 1_000
BATCHED = 100_000
NAIVE = 10_000
RATE = 200
RATED = 3_000
WORKERS = 2
ROOT = Path(__file__).resolve().parent.parent
CELERY = str(Path(sys.executable).with_name("celery"))


def seed_appointments() -> list[Appointment]:
    office = Office.objects.create(
        name="Reminder Bench", slug="reminder-bench", address_line1="1 Bench St", city="Danville", state="CA",
        postal_code="94526", phone="+19255550100",
    )  # fmt: skip
    room = Room.objects.create(office=office, name="Bench room", kind=Room.Kind.ULTRASOUND)
    user = get_user_model().objects.create(username=f"bench-{uuid.uuid4().hex[:6]}")
    provider = StaffProfile.objects.create(user=user, home_office=office)
    kind = AppointmentType.objects.get(code="duplex")
    now = timezone.now()
    patients = Patient.objects.bulk_create(
        Patient(
            first_name="Bench", last_name=f"Patient {i}", date_of_birth=datetime.date(1960, 1, 1),
            phone=f"+1925{5000000 + i:07d}", email=f"bench{i}@example.test",
            sms_consent=True, sms_consent_at=now, email_consent=True, email_consent_at=now,
        )
        for i in range(APPOINTMENTS)
    )  # fmt: skip
    start = (now + datetime.timedelta(days=2)).replace(minute=0, second=0, microsecond=0)
    return Appointment.objects.bulk_create(
        Appointment(
            patient=patient, appointment_type=kind, office=office, provider=provider, room=room,
            start=start + datetime.timedelta(hours=i), end=start + datetime.timedelta(hours=i, minutes=45),
            booked_by=user,
        )
        for i, patient in enumerate(patients)
    )  # fmt: skip


def seed_due(appointments: list[Appointment], offsets: range) -> list[int]:
    due = timezone.now() - datetime.timedelta(minutes=1)
    ids: list[int] = []
    rows = [
        Reminder(
            appointment=a, patient_id=a.patient_id, office_id=a.office_id, kind="reminder", channel="sms",
            offset_hours=offset, due_at=due,
        )
        for offset in offsets
        for a in appointments
    ]  # fmt: skip
    for chunk in range(0, len(rows), 10_000):
        ids += [r.pk for r in Reminder.objects.bulk_create(rows[chunk : chunk + 10_000])]
    return ids


class Workers:
    def __init__(self, url: str, record: Path, rate: float = 0) -> None:
        self.queue = f"bench-{uuid.uuid4().hex[:8]}"
        self.env = {
            **os.environ,
            "DATABASE_URL": url,
            "REDIS_URL": settings.REDIS_URL,
            "CELERY_TASK_DEFAULT_QUEUE": self.queue,
            "SMS_BACKEND": "scheduling.reminders.recording.RecordingSmsBackend",
            "REMINDER_RECORD_PATH": str(record),
            "REMINDER_QUIET_HOURS": "",
            "REMINDER_RATE_PER_SECOND": str(rate),
            "LOG_LEVEL": "WARNING",
        }
        self.processes: list[subprocess.Popen] = []

    def __enter__(self) -> "Workers":
        from clinic.celery import app

        app.conf.task_default_queue = self.queue
        for index in range(WORKERS):
            command = [CELERY, "-A", "clinic", "worker", "--pool=solo", "-Q", self.queue, "-I", "bench.reminder_tasks",
                       "-n", f"w{index}-{self.queue}@localhost", "--without-gossip", "--without-mingle",
                       "--loglevel=WARNING"]  # fmt: skip
            self.processes.append(subprocess.Popen(command, cwd=ROOT, env=self.env))
        deadline = time.monotonic() + 60
        while sum(1 for r in app.control.ping(timeout=0.5) for n in r if self.queue in n) < WORKERS:
            if time.monotonic() > deadline:
                sys.exit("P4: the bench workers did not start")
        return self

    def __exit__(self, *exc: object) -> None:
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            process.wait(timeout=30)


def wait_sent(ids: list[int], limit: float = 3600) -> float:
    """Seconds from now until every row in ids is sent, with the beat's minute kept as in production.

    Only this phase's rows count: other parts leave reminders pending weeks ahead (every booking
    P5 makes schedules its own), and waiting for those never ends. Each phase seeds its rows in
    one run of ids (one writer), so the poll asks whether any row between the first and last id
    is still pending or sending, which each of the two partial indexes answers at once: counting
    sent rows would scan the whole range every fifth of a second and take that CPU from the
    workers being measured.
    """
    from scheduling.tasks import dispatch_due_reminders

    first, last = min(ids), max(ids)
    assert last - first + 1 == len(ids), "a phase's reminders are one run of ids"
    ours = Reminder.objects.filter(pk__gte=first, pk__lte=last)
    began = last_beat = time.perf_counter()
    while ours.pending().exists() or ours.filter(status=ReminderStatus.SENDING).exists():
        if time.perf_counter() - began > limit:
            sys.exit("P4: dispatch did not finish")
        if time.perf_counter() - last_beat >= 60:
            # Rows a worker handed back (lease nearly over) or a retry: the next minute's beat claims them.
            dispatch_due_reminders()
            last_beat = time.perf_counter()
        time.sleep(0.2)
    seconds = time.perf_counter() - began
    sent = ours.filter(status=ReminderStatus.SENT).count()
    if sent != len(ids):
        sys.exit(f"P4: {len(ids) - sent} of {len(ids)} reminders ended other than sent")
    return seconds


def busiest_second(times: list[float]) -> int:
    times.sort()
    most, first = 0, 0
    for last, moment in enumerate(times):
        while moment - times[first] >= 1.0:
            first += 1
        most = max(most, last - first + 1)
    return most


def run(url: str) -> dict:
    from bench.reminder_tasks import send_one_reminder
    from scheduling.tasks import dispatch_due_reminders

    if not settings.REDIS_URL:
        sys.exit("P4 needs Redis: set REDIS_URL (e.g. redis://127.0.0.1:6379/3).")
    call_command("migrate", verbosity=0)
    settings.REMINDER_QUIET_HOURS = None
    appointments = seed_appointments()
    scratch = Path(tempfile.mkdtemp(prefix="veinflow-p4-"))

    with Workers(url, scratch / "batched.jsonl"):
        ids = seed_due(appointments, range(1, BATCHED // APPOINTMENTS + 1))
        began = time.perf_counter()
        dispatch_due_reminders()
        batched_seconds = (time.perf_counter() - began) + wait_sent(ids)

        naive_ids = seed_due(appointments, range(101, 101 + NAIVE // APPOINTMENTS))
        began = time.perf_counter()
        for pk in naive_ids:
            send_one_reminder.delay(pk)
        naive_seconds = (time.perf_counter() - began) + wait_sent(naive_ids)

    settings.REMINDER_RATE_PER_SECOND = RATE
    with Workers(url, scratch / "rated.jsonl", rate=RATE):
        rated_ids = seed_due(appointments, range(201, 201 + RATED // APPOINTMENTS))
        dispatch_due_reminders()
        wait_sent(rated_ids)
    stamps = [r["at"] for r in read_records(scratch / "rated.jsonl") if r["accepted"]]
    busiest = busiest_second(stamps)

    batched_rate, naive_rate = len(ids) / batched_seconds, len(naive_ids) / naive_seconds
    ratio = batched_rate / naive_rate
    duplicates = sum(1 for r in read_records(scratch / "batched.jsonl") if not r["accepted"])
    # What production runs with (clinic/settings.py), not tuned for the bench.
    production = {
        "batch_size": settings.REMINDER_BATCH_SIZE,
        "prefetch_multiplier": settings.CELERY_WORKER_PREFETCH_MULTIPLIER,
        "acks_late": settings.CELERY_TASK_ACKS_LATE,
        "worker_processes": WORKERS,
        "sent_mark_async_commit": settings.REMINDER_SENT_MARK_ASYNC_COMMIT,
    }
    print(f"\nP4 reminder dispatch, {WORKERS} worker processes, real Redis broker")
    print("  settings: " + ", ".join(f"{key} {value}" for key, value in production.items()))
    print(f"  batched : {len(ids):>7,} reminders in {batched_seconds:7.1f} s = {batched_rate:8.0f}/s")
    print(f"  naive   : {len(naive_ids):>7,} reminders in {naive_seconds:7.1f} s = {naive_rate:8.0f}/s (one task each)")
    print(f"  ratio   : {ratio:.1f}x (goal >= {GOAL:g}x) {'met' if ratio >= GOAL else 'NOT met'}")
    print(f"  rate    : limit {RATE}/s, {len(stamps):,} messages, busiest second {busiest} -> "
          f"{'never exceeded' if busiest <= RATE else 'EXCEEDED'}")  # fmt: skip
    return {
        "P4": {
            "goal": GOAL,
            "met": ratio >= GOAL and busiest <= RATE,
            "ratio": round(ratio, 1),
            "workers": WORKERS,
            "batched": {"reminders": len(ids), "seconds": round(batched_seconds, 1), "per_second": round(batched_rate)},
            "naive": {"reminders": len(naive_ids), "seconds": round(naive_seconds, 1), "per_second": round(naive_rate)},
            "rate_limit": {"per_second": RATE, "messages": len(stamps), "busiest_second": busiest},
            "duplicates": duplicates,
            "settings": production,
        }
    }
