"""Settings a test, the bench or a local settings module sets in code get the same system checks."""

import datetime

import pytest
from django.core.exceptions import ImproperlyConfigured

from clinic.checks import check_email_backend, check_quiet_hours, check_screening_rate_limit, refuse_to_start
from clinic.configuration import QuietHours


def ids(messages) -> list[str]:
    return [message.id for message in messages]


@pytest.mark.parametrize("value", ["21:00-08:00", "", None, QuietHours(datetime.time(22), datetime.time(7))])
def test_quiet_hours_may_be_the_parsed_pair_or_its_text(settings, value) -> None:
    settings.REMINDER_QUIET_HOURS = value
    assert check_quiet_hours() == []


@pytest.mark.parametrize("value", ["nine to five", "21:00-08:00-09:00", 21, (datetime.time(21),)])
def test_malformed_quiet_hours_are_error_e004_with_the_expected_form(settings, value) -> None:
    settings.REMINDER_QUIET_HOURS = value
    (error,) = check_quiet_hours()
    assert error.id == "veinflow.E004"
    assert "HH:MM-HH:MM" in error.hint


@pytest.mark.parametrize("value", [(0, 3600), (5, 0), "5/3600", (5.0, 3600), (5,)])
def test_a_screening_limit_that_is_not_two_whole_numbers_is_error_e005(settings, value) -> None:
    settings.SCREENING_RATE_LIMIT = value
    assert ids(check_screening_rate_limit()) == ["veinflow.E005"]


def test_an_email_backend_that_does_not_import_is_error_e003(settings) -> None:
    settings.EMAIL_BACKEND = "scheduling.reminders.no_such.EmailBackend"
    assert ids(check_email_backend()) == ["veinflow.E003"]


def test_servers_and_workers_refuse_to_start_on_any_of_these_errors(settings) -> None:
    settings.REMINDER_QUIET_HOURS = "nine to five"
    settings.SCREENING_RATE_LIMIT = (0, 3600)
    with pytest.raises(ImproperlyConfigured) as refused:
        refuse_to_start()
    assert "veinflow.E004" in str(refused.value) and "veinflow.E005" in str(refused.value)


def test_a_well_configured_process_starts(settings) -> None:
    refuse_to_start()
