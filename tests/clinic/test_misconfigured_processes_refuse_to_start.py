"""A malformed setting stops every kind of process at start-up, naming the variable and its form.

Before, REMINDER_QUIET_HOURS="21:00 to 08:00" started fine and made every booking answer 500.
"""

import sys
from pathlib import Path

from tests.helpers import manage, start_process

CELERY = str(Path(sys.executable).with_name("celery"))
QUIET_HOURS_FORM = "expected HH:MM-HH:MM in the office's local time"


def test_manage_py_check_refuses_malformed_quiet_hours_and_says_the_expected_form() -> None:
    result = manage("check", REMINDER_QUIET_HOURS="21:00 to 08:00")
    assert result.returncode != 0
    assert f"REMINDER_QUIET_HOURS='21:00 to 08:00' is not valid: {QUIET_HOURS_FORM}" in result.stderr
    assert '"21:00-08:00"' in result.stderr


def test_one_start_lists_every_malformed_variable_at_once() -> None:
    result = manage("check", REMINDER_BATCH_SIZE="lots", SCREENING_RATE_LIMIT="5 an hour", LOG_LEVEL="LOUD")
    assert result.returncode != 0
    assert "REMINDER_BATCH_SIZE='lots' is not valid: expected a whole number of at least 1." in result.stderr
    assert "SCREENING_RATE_LIMIT='5 an hour' is not valid: expected COUNT/SECONDS" in result.stderr
    assert "LOG_LEVEL='LOUD' is not valid: expected one of DEBUG, INFO, WARNING, ERROR, CRITICAL." in result.stderr


def test_a_malformed_database_url_is_named_without_showing_its_password() -> None:
    result = manage("check", DATABASE_URL="mysql://clinic:s3cret-password@db/veinflow")
    assert result.returncode != 0
    assert "DATABASE_URL is not valid: expected postgres://USER:PASSWORD@HOST:PORT/NAME" in result.stderr
    assert "s3cret-password" not in result.stderr + result.stdout


def test_the_web_server_entry_point_refuses_an_sms_backend_that_does_not_import() -> None:
    result = start_process(sys.executable, "-c", "import clinic.wsgi", SMS_BACKEND="scheduling.no_such.Backend")
    assert result.returncode != 0
    assert "(veinflow.E001) SMS_BACKEND 'scheduling.no_such.Backend' cannot be imported" in result.stderr


def start_worker(**variables: str):
    # An in-memory broker: a well-configured worker would run until the timeout in start_process.
    return start_process(
        CELERY, "-A", "clinic", "worker", "--pool=solo", "--loglevel=WARNING", REDIS_URL="", **variables
    )


def test_a_celery_worker_refuses_to_start_with_twilio_chosen_but_not_configured() -> None:
    result = start_worker(SMS_BACKEND="scheduling.reminders.sms.twilio.TwilioSmsBackend")
    assert result.returncode != 0
    assert "(veinflow.E002) SMS_BACKEND is Twilio: set TWILIO_ACCOUNT_SID" in result.stdout + result.stderr


def test_a_celery_worker_refuses_malformed_quiet_hours() -> None:
    result = start_worker(REMINDER_QUIET_HOURS="21:00 to 08:00")
    assert result.returncode != 0
    assert f"REMINDER_QUIET_HOURS='21:00 to 08:00' is not valid: {QUIET_HOURS_FORM}" in result.stderr
