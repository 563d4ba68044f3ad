import datetime

import pytest
from django.utils import timezone

from tests.factories.scheduling import clinic_day


@pytest.fixture
def duplex_day(office):
    """Danville with a sonographer open every day 08:00-17:00 and one ultrasound room."""
    return clinic_day(office)


@pytest.fixture
def in_three_days() -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=3)


def at(day: datetime.date, hour: int, minute: int = 0, zone: str = "America/Los_Angeles") -> datetime.datetime:
    import zoneinfo

    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=zoneinfo.ZoneInfo(zone))


# Committed-data tests (threads must see each other's commits). serialized_rollback puts
# the seeded rows (appointment types, groups) back after Django's flush.
COMMITTED = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def recorded(settings, tmp_path):
    """Texts and emails go to a recording file; returns a reader of what was recorded.

    Quiet hours stay as configured (21:00-08:00 by default); the suite's clock is
    mid-morning, so a due text goes out unless a test moves the clock into the night.
    """
    from scheduling.reminders.recording import read_records

    settings.SMS_BACKEND = "scheduling.reminders.recording.RecordingSmsBackend"
    settings.REMINDER_RECORD_PATH = str(tmp_path / "messages.jsonl")
    settings.REMINDER_RATE_PER_SECOND = 0
    return lambda: read_records(settings.REMINDER_RECORD_PATH)


def run_beat(django_capture_on_commit_callbacks) -> dict:
    """The beat's minute, with the batches it hands over run in-process."""
    from scheduling.tasks import dispatch_due_reminders

    with django_capture_on_commit_callbacks(execute=True):
        return dispatch_due_reminders()
