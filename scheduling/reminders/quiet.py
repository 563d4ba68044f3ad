"""Quiet hours: no text messages at night in the office's own zone, deferred to the morning."""

import datetime
import zoneinfo

from django.conf import settings

from clinic.configuration import QuietHours, quiet_hours


def quiet_window() -> QuietHours | None:
    """REMINDER_QUIET_HOURS, parsed at start-up (clinic.settings); None when switched off.

    Its text form ("21:00-08:00", set by a test or the bench) goes through the same parser;
    system check veinflow.E004 refuses a malformed value before any request.
    """
    return quiet_hours(settings.REMINDER_QUIET_HOURS)


def next_allowed(moment: datetime.datetime, zone: zoneinfo.ZoneInfo) -> datetime.datetime:
    """The first instant at or after ``moment`` outside quiet hours, in UTC.

    The morning is found on the local calendar and converted back, so a night
    that is 23 or 25 hours long (DST) still ends at the local hour.
    """
    window = quiet_window()
    if window is None:
        return moment
    local = moment.astimezone(zone)
    if not window.covers(local.time()):
        return moment
    day = local.date()
    if window.starts > window.ends and local.time() >= window.starts:
        day += datetime.timedelta(days=1)
    morning = datetime.datetime.combine(day, window.ends, tzinfo=zone)
    return morning.astimezone(datetime.UTC)
