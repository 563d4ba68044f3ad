"""Quiet hours: no text messages at night in the office's own zone, deferred to the morning."""

import datetime
import zoneinfo

from django.conf import settings


def quiet_window() -> tuple[datetime.time, datetime.time] | None:
    """REMINDER_QUIET_HOURS as (starts, ends), e.g. 21:00-08:00; None when switched off."""
    text = (settings.REMINDER_QUIET_HOURS or "").strip()
    if not text:
        return None
    starts, ends = (datetime.time.fromisoformat(part.strip()) for part in text.split("-"))
    return starts, ends


def _is_quiet(moment: datetime.time, starts: datetime.time, ends: datetime.time) -> bool:
    if starts > ends:  # across midnight, the usual case
        return moment >= starts or moment < ends
    return starts <= moment < ends


def next_allowed(moment: datetime.datetime, zone: zoneinfo.ZoneInfo) -> datetime.datetime:
    """The first instant at or after ``moment`` outside quiet hours, in UTC.

    The morning is found on the local calendar and converted back, so a night
    that is 23 or 25 hours long (DST) still ends at the local hour.
    """
    window = quiet_window()
    if window is None:
        return moment
    starts, ends = window
    local = moment.astimezone(zone)
    if not _is_quiet(local.time(), starts, ends):
        return moment
    day = local.date()
    if starts > ends and local.time() >= starts:
        day += datetime.timedelta(days=1)
    morning = datetime.datetime.combine(day, ends, tzinfo=zone)
    return morning.astimezone(datetime.UTC)
