"""The calendar the clinic works in: dates from 1800 to 2199.

A date outside it is a typing slip or a probe (9999-12-31, 0001-01-01), and one step
from it (the next day, the same moment in UTC) overflows Python's datetime. Forms
refuse such dates next to the field; URLs that carry a day answer 400.
"""

import datetime

from django.core.exceptions import BadRequest, ValidationError
from django.http import Http404
from django.utils.translation import gettext as _

EARLIEST = datetime.date(1800, 1, 1)
LATEST = datetime.date(2199, 12, 31)


def in_calendar(value: datetime.date | datetime.datetime) -> bool:
    day = value.date() if isinstance(value, datetime.datetime) else value
    return EARLIEST <= day <= LATEST


def validate_calendar_date(value: datetime.date | datetime.datetime | None) -> None:
    """Every form DateField and DateTimeField runs this (ClinicConfig.ready)."""
    if value is not None and not in_calendar(value):
        raise ValidationError(
            _("Enter a date between %(earliest)s and %(latest)s."),
            code="date_out_of_range",
            params={"earliest": f"{EARLIEST:%m/%d/%Y}", "latest": f"{LATEST:%m/%d/%Y}"},
        )


def parse_url_day(value: str) -> datetime.date:
    """A day from a URL: not a date at all is 404 (no such page), one outside the calendar 400."""
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError as error:
        raise Http404("No such day.") from error
    if not in_calendar(day):
        raise BadRequest("That day is outside the calendar.")
    return day
