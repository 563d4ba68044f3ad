"""The suite's clock: every test runs at a known instant, never at the wall clock's.

``SUITE_NOW`` is a Tuesday mid-morning in Los Angeles, a working day away from any
daylight-saving change, outside the reminders' quiet hours and inside the demo
offices' opening hours. The autouse ``clock`` fixture (tests/conftest.py) travels
there before each test, with time ticking on from it, so "in two days at 10:00",
"tomorrow" and "today" mean the same thing at any hour CI happens to run. A test
about a particular moment (a night, a DST change, a date rollover) travels there
itself with ``clock.move_to(...)`` or passes ``now=`` to the code under test.
"""

import datetime
import zoneinfo

LOS_ANGELES = zoneinfo.ZoneInfo("America/Los_Angeles")

SUITE_NOW = datetime.datetime(2030, 6, 4, 10, 30, tzinfo=LOS_ANGELES)
SUITE_TODAY = SUITE_NOW.date()


def days_ahead(days: int) -> datetime.date:
    """The date ``days`` after the suite's today (in the default office's zone)."""
    return SUITE_TODAY + datetime.timedelta(days=days)
