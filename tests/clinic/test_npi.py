"""Physician NPIs are checked with the CMS Luhn rule (prefix 80840)."""

import pytest
from django.core.exceptions import ValidationError

from clinic.validators import npi_check_digit, validate_npi


def test_a_published_example_npi_is_accepted() -> None:
    validate_npi("1234567893")  # CMS's worked example


@pytest.mark.parametrize("bad", ["1234567890", "123456789", "12345678931", "12345abcde"])
def test_a_wrong_check_digit_or_length_is_refused(bad: str) -> None:
    with pytest.raises(ValidationError):
        validate_npi(bad)


def test_the_check_digit_helper_completes_nine_digits() -> None:
    assert npi_check_digit("123456789") == "1234567893"


@pytest.mark.django_db
def test_a_physician_profile_without_an_npi_does_not_validate() -> None:
    from clinic.roles import Role
    from tests.factories import StaffFactory

    profile = StaffFactory(role=Role.PHYSICIAN)
    profile.npi = ""
    with pytest.raises(ValidationError, match="needs an NPI"):
        profile.full_clean()
