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


class OfficeTime(datetime.datetime):
    """A moment on an office's own clock, which a template shows as it is.

    Django's templates turn every aware datetime into the site's zone before a date or time
    filter sees it (``template_localtime``), so ``{{ visit.local_start|time:"g:i A" }}`` for an
    office in Phoenix printed the site's Los Angeles time: 7:00 AM for a visit at 8:00 AM there.
    ``template_localtime`` leaves a value alone whose ``convert_to_local_time`` is false.
    """

    convert_to_local_time = False


def office_time(moment: datetime.datetime, zone: datetime.tzinfo) -> OfficeTime:
    """``moment`` on the clock of the office in ``zone``, as templates should show it."""
    local = moment.astimezone(zone)
    return OfficeTime(
        local.year, local.month, local.day, local.hour, local.minute, local.second, local.microsecond,
        tzinfo=local.tzinfo, fold=local.fold,
    )  # fmt: skip
