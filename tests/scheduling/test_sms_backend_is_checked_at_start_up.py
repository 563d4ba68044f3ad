"""The SMS backend imports, accepts its settings, and can hear STOP replies, or start-up says why."""

from scheduling.checks import check_sms_backend

TWILIO = "scheduling.reminders.sms.twilio.TwilioSmsBackend"


def ids(messages) -> list[str]:
    return [message.id for message in messages]


def twilio_configured(settings) -> None:
    settings.SMS_BACKEND = TWILIO
    settings.TWILIO_ACCOUNT_SID = "AC" + "0" * 32
    settings.TWILIO_AUTH_TOKEN = "auth-token"
    settings.TWILIO_FROM_NUMBER = "+15035550100"
    settings.SMS_WEBHOOK_SECRET = "auth-token"


def test_the_default_console_backend_passes(settings) -> None:
    settings.SMS_BACKEND = "scheduling.reminders.sms.console.ConsoleSmsBackend"
    assert check_sms_backend() == []


def test_a_backend_that_does_not_import_is_error_e001(settings) -> None:
    settings.SMS_BACKEND = "scheduling.reminders.sms.nexmo.NexmoSmsBackend"
    (error,) = check_sms_backend()
    assert error.id == "veinflow.E001" and "cannot be imported" in error.msg


def test_a_class_that_is_not_an_sms_backend_is_error_e001(settings) -> None:
    settings.SMS_BACKEND = "scheduling.reminders.sms.base.SmsError"
    (error,) = check_sms_backend()
    assert error.id == "veinflow.E001" and "is not an SMS backend" in error.msg


def test_twilio_without_its_credentials_is_error_e002(settings) -> None:
    twilio_configured(settings)
    settings.TWILIO_AUTH_TOKEN = ""
    (error,) = check_sms_backend()
    assert error.id == "veinflow.E002" and "TWILIO_AUTH_TOKEN" in error.msg


def test_twilio_with_its_credentials_passes(settings) -> None:
    twilio_configured(settings)
    assert check_sms_backend() == []


def test_twilio_with_an_empty_webhook_secret_warns_that_stop_replies_are_refused(settings) -> None:
    twilio_configured(settings)
    settings.SMS_WEBHOOK_SECRET = ""
    assert ids(check_sms_backend()) == ["veinflow.W001"]
