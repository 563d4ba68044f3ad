"""No texts at night in the office's zone; deferred to 08:00 local, across both DST changes."""

import datetime
import zoneinfo

import pytest

from scheduling.models import ReminderStatus
from scheduling.reminders import dispatch
from scheduling.reminders.quiet import next_allowed
from tests.factories.reminders import ReminderFactory

LA = zoneinfo.ZoneInfo("America/Los_Angeles")
SPRING_FORWARD = datetime.date(2026, 3, 8)  # 02:00 PST becomes 03:00 PDT
FALL_BACK = datetime.date(2026, 11, 1)  # 02:00 PDT becomes 01:00 PST


@pytest.fixture(autouse=True)
def _quiet_hours_21_to_08(settings):
    settings.REMINDER_QUIET_HOURS = "21:00-08:00"


def local(day, hour, minute=0):
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=LA)


@pytest.mark.parametrize(
    ("moment", "morning_utc"),
    [
        # 23:30 PST the night before spring-forward: the night is 23 hours; 08:00 PDT is 15:00 UTC.
        (
            local(SPRING_FORWARD - datetime.timedelta(days=1), 23, 30),
            datetime.datetime(2026, 3, 8, 15, tzinfo=datetime.UTC),
        ),
        # 01:30 on fall-back morning (the first of the two): 08:00 PST is 16:00 UTC.
        (local(FALL_BACK, 1, 30), datetime.datetime(2026, 11, 1, 16, tzinfo=datetime.UTC)),
        # 22:00 PDT the evening before fall-back: a 25-hour night, still 08:00 PST.
        (local(FALL_BACK - datetime.timedelta(days=1), 22), datetime.datetime(2026, 11, 1, 16, tzinfo=datetime.UTC)),
    ],
)
def test_a_text_due_at_night_waits_for_eight_in_the_morning_local_across_dst(moment, morning_utc):
    assert next_allowed(moment, LA) == morning_utc
    assert next_allowed(moment, LA).astimezone(LA).time() == datetime.time(8)


def test_a_text_due_in_the_afternoon_goes_at_once():
    moment = local(SPRING_FORWARD, 14)
    assert next_allowed(moment, LA) == moment


def test_quiet_hours_can_be_switched_off(settings):
    settings.REMINDER_QUIET_HOURS = ""
    moment = local(FALL_BACK, 3)
    assert next_allowed(moment, LA) == moment


@pytest.mark.django_db
def test_a_text_claimed_at_night_is_handed_back_for_the_morning(recorded, monkeypatch):
    reminder = ReminderFactory(due_at=local(FALL_BACK, 0, 30))
    reminder.patient.set_consents(sms=True, email=True)
    reminder.patient.save()
    night = local(FALL_BACK, 1, 30)
    monkeypatch.setattr(dispatch.timezone, "now", lambda: night)
    ids, token = dispatch.claim_due_batch(now=night, size=10)
    report = dispatch.send_batch(ids, str(token))
    reminder.refresh_from_db()
    assert report.deferred == 1 and recorded() == []
    assert reminder.status == ReminderStatus.PENDING
    assert reminder.due_at == datetime.datetime(2026, 11, 1, 16, tzinfo=datetime.UTC)
