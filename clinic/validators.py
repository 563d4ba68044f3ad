"""Validators shared by every app: phone numbers, NPIs, time zones, birth dates."""

import re
import zoneinfo
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

_NON_DIGITS = re.compile(r"\D")


def normalize_phone(value: str) -> str:
    """A North American number as +1XXXXXXXXXX; raises ValidationError otherwise."""
    digits = _NON_DIGITS.sub("", value or "")
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    # NANP: area code and exchange both start 2-9.
    if len(digits) != 10 or digits[0] in "01" or digits[3] in "01":
        raise ValidationError(_("Enter a 10-digit US phone number, e.g. (503) 555-0142."), code="invalid_phone")
    return f"+1{digits}"


def validate_phone(value: str) -> None:
    normalize_phone(value)


def format_phone(value: str) -> str:
    """+15035550142 -> (503) 555-0142, for display."""
    digits = _NON_DIGITS.sub("", value or "")[-10:]
    if len(digits) != 10:
        return value
    return f"({digits[:3]}) {digits[3:6]}-{digits[6:]}"


def validate_npi(value: str) -> None:
    """An NPI is 10 digits whose Luhn check covers the '80840' card-issuer prefix (CMS)."""
    if not value:
        return
    if not re.fullmatch(r"\d{10}", value):
        raise ValidationError("An NPI is exactly 10 digits.", code="invalid_npi")
    digits = [int(d) for d in "80840" + value]
    total = 0
    for index, digit in enumerate(reversed(digits)):
        if index % 2 == 1:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    if total % 10 != 0:
        raise ValidationError("This NPI fails its check digit; please re-check it.", code="invalid_npi")


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError("Use an IANA time zone such as America/Los_Angeles.", code="invalid_time_zone")


def validate_birth_date(value: date) -> None:
    today = timezone.localdate()
    if value > today:
        raise ValidationError(_("The date of birth cannot be in the future."), code="future_birth_date")
    if today.year - value.year > 120:
        raise ValidationError(_("That makes the patient over 120; please re-check the year."), code="too_old")


def npi_check_digit(first_nine: str) -> str:
    """The tenth digit that makes ``first_nine`` a valid NPI (for demo data and tests)."""
    for digit in "0123456789":
        try:
            validate_npi(first_nine + digit)
        except ValidationError:
            continue
        return first_nine + digit
    raise ValueError("no check digit fits")  # unreachable: one digit always does
