"""Wall-clock times at an office: the hour the clocks skip in spring and the hour they repeat
in autumn have no single instant, so a booking there is refused with a reason, never guessed."""

import datetime
import zoneinfo

from django.utils.formats import date_format

from scheduling.exceptions import BookingRefused


def _when(wall: datetime.datetime) -> str:
    return f"{date_format(wall, 'D j M')} {wall:%-I:%M %p}"


def refuse_unclear_wall_time(start: datetime.datetime) -> None:
    """Refuse an aware ``start`` whose wall time does not exist or happens twice in its own zone.

    A start given in UTC (or any fixed offset) is one instant and always passes; one given
    in a zone with daylight saving passes unless its date and hour fall in that zone's gap
    or overlap. Callers that mean the second 1:30 AM of an autumn night pass it in UTC.
    """
    zone = start.tzinfo
    if not isinstance(zone, zoneinfo.ZoneInfo):
        return
    wall = start.replace(tzinfo=None)
    try:
        round_trip = start.astimezone(datetime.UTC).astimezone(zone).replace(tzinfo=None)
    except (OverflowError, ValueError):
        raise BookingRefused("That date is out of range.", field="start") from None
    if round_trip != wall:
        raise BookingRefused(
            f"{_when(wall)} does not exist in {zone.key}: the clocks go forward that night. "
            "Choose a time after the change.",
            field="start",
        )
    if start.replace(fold=0).utcoffset() != start.replace(fold=1).utcoffset():
        raise BookingRefused(
            f"{_when(wall)} happens twice in {zone.key}: the clocks go back that night. "
            "Choose a time outside that hour, or give the start in UTC.",
            field="start",
        )


def office_wall_time(wall: datetime.datetime, zone: zoneinfo.ZoneInfo) -> datetime.datetime:
    """A naive wall-clock time read at an office: aware in the office's zone, or BookingRefused."""
    start = wall.replace(tzinfo=zone)
    refuse_unclear_wall_time(start)
    return start
