"""The inbound SMS signature check, pinned to answers Twilio published, not to our own arithmetic.

- Twilio's "Validating requests" example (twilio.com/docs/usage/security): auth token 12345,
  https://mycompany.com/myapp.php?foo=1&bar=2 and five fields sign as GvWf1cFY/Q7PnoempGyD5oXAezc=.
- The twilio-python library's own tests (tests/unit/test_request_validator.py): a repeated field,
  and a URL signed with and without its port.
- A STOP reply shaped like the ones Twilio forwards, signed by twilio 9.13.0's
  RequestValidator.compute_signature, sent to our /hooks/sms/inbound/ as Twilio would.
"""

import pytest
from django.urls import reverse
from django.utils.datastructures import MultiValueDict

from scheduling.models import ContactPreference
from scheduling.reminders.sms.twilio import is_signed_by_twilio, request_signature
from tests.factories import PatientFactory

DOCS_TOKEN = "12345"
DOCS_URL = "https://mycompany.com/myapp.php?foo=1&bar=2"
DOCS_FIELDS = {
    "CallSid": "CA1234567890ABCDE",
    "Caller": "+14158675310",
    "Digits": "1234",
    "From": "+14158675310",
    "To": "+18005551212",
}
DOCS_SIGNATURE = "GvWf1cFY/Q7PnoempGyD5oXAezc="


def form(fields: dict[str, str]) -> MultiValueDict:
    return MultiValueDict({name: [value] for name, value in fields.items()})


def signed(url: str, fields: dict[str, str], signature: str, token: str = DOCS_TOKEN) -> bool:
    return is_signed_by_twilio(url=url, fields=form(fields), signature=signature, token=token)


def test_twilios_published_example_gives_twilios_published_signature() -> None:
    assert request_signature(DOCS_URL, form(DOCS_FIELDS), DOCS_TOKEN) == DOCS_SIGNATURE
    assert signed(DOCS_URL, DOCS_FIELDS, DOCS_SIGNATURE)


@pytest.mark.parametrize(
    ("url", "fields", "token"),
    [
        (DOCS_URL, {**DOCS_FIELDS, "Digits": "1235"}, DOCS_TOKEN),
        (DOCS_URL, {**DOCS_FIELDS, "Body": "STOP"}, DOCS_TOKEN),
        (DOCS_URL.replace("https:", "http:"), DOCS_FIELDS, DOCS_TOKEN),
        (DOCS_URL.replace("foo=1", "foo=2"), DOCS_FIELDS, DOCS_TOKEN),
        (DOCS_URL, DOCS_FIELDS, "12346"),
    ],
    ids=["a changed field", "an added field", "another scheme", "another query", "another token"],
)
def test_any_change_to_the_signed_request_fails_the_check(url, fields, token) -> None:
    assert not signed(url, fields, DOCS_SIGNATURE, token=token)


def test_a_repeated_field_is_signed_with_its_values_in_order_as_twilios_library_does() -> None:
    fields = MultiValueDict({"Sid": ["CA123"], "SidAccount": ["AC123"], "Digits": ["5678", "1234"]})
    assert request_signature(DOCS_URL, fields, DOCS_TOKEN) == "IK+Dwps556ElfBT0I3Rgjkr1wJU="


def test_a_url_is_accepted_as_signed_with_or_without_its_port() -> None:
    fields = {**DOCS_FIELDS, "Caller": "+14158675309", "From": "+14158675309"}
    # Signed without the port, received on :1234; and signed with :443, received without it.
    assert signed(DOCS_URL.replace(".com", ".com:1234"), fields, "RSOYDt4T1cUTdK1PDd93/VVr8B8=")
    assert signed(DOCS_URL, fields, "kvajT1Ptam85bY51eRf/AJRuM3w=")


def test_no_secret_or_no_signature_is_never_signed() -> None:
    assert not signed(DOCS_URL, DOCS_FIELDS, DOCS_SIGNATURE, token="")
    assert not signed(DOCS_URL, DOCS_FIELDS, "")


# A STOP reply as Twilio forwards it (ids made up), and the signature twilio 9.13.0 computes for it.
WEBHOOK_SECRET = "veinflow-webhook-secret-0123456789"
STOP_REPLY = {
    "ToCountry": "US", "ToState": "OR", "SmsMessageSid": "SM0123456789abcdef0123456789abcdef", "NumMedia": "0",
    "ToCity": "PORTLAND", "FromZip": "97201", "SmsSid": "SM0123456789abcdef0123456789abcdef", "FromState": "OR",
    "SmsStatus": "received", "FromCity": "PORTLAND", "Body": "Stop", "FromCountry": "US", "To": "+15035550100",
    "ToZip": "97201", "NumSegments": "1", "MessageSid": "SM0123456789abcdef0123456789abcdef",
    "AccountSid": "AC0123456789abcdef0123456789abcdef", "From": "+15035550142", "ApiVersion": "2010-04-01",
}  # fmt: skip
STOP_SIGNATURE = "diUcQRwWiawLovz28mJyZJ6VsT4="


@pytest.fixture
def public_webhook(settings):
    settings.SITE_URL = "https://veinflow.example.org"
    settings.SMS_WEBHOOK_SECRET = WEBHOOK_SECRET
    return reverse("scheduling:sms_inbound")


@pytest.mark.django_db
def test_a_stop_reply_signed_by_twilio_opts_the_patient_out(client, public_webhook) -> None:
    patient = PatientFactory(phone="+15035550142")
    response = client.post(public_webhook, STOP_REPLY, HTTP_X_TWILIO_SIGNATURE=STOP_SIGNATURE)
    assert response.status_code == 200
    assert ContactPreference.objects.get(patient=patient).sms_opted_out


@pytest.mark.django_db
def test_the_same_reply_signed_for_another_address_is_refused(client, public_webhook, settings) -> None:
    settings.SITE_URL = "https://veinflow-staging.example.org"
    patient = PatientFactory(phone="+15035550142")
    response = client.post(public_webhook, STOP_REPLY, HTTP_X_TWILIO_SIGNATURE=STOP_SIGNATURE)
    assert response.status_code == 403
    assert not ContactPreference.objects.filter(patient=patient).exists()
