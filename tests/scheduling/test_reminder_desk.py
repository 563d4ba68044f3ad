"""The front desk's side: failed messages, reschedule requests, preferences, STOP replies."""

import base64
import hashlib
import hmac

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scheduling.models import ContactPreference, ReminderStatus, RescheduleRequest
from tests.factories import PatientFactory
from tests.factories.reminders import ReminderFactory
from tests.factories.scheduling import AppointmentFactory
from tests.scheduling.test_calendar_query_counts import count_queries

pytestmark = pytest.mark.django_db
SECRET = "twilio-auth-token-for-tests"


def failed(n):
    return [ReminderFactory(status=ReminderStatus.FAILED, error="twilio 400 error 21211") for _ in range(n)]


def test_failed_messages_are_listed_with_the_reason_and_can_be_tried_again(front_desk_client):
    (reminder,) = failed(1)
    page = front_desk_client.get(reverse("scheduling:reminder_attention")).content.decode()
    assert reminder.patient.full_name in page and "21211" in page
    front_desk_client.post(reverse("scheduling:reminder_retry", args=[reminder.pk]))
    reminder.refresh_from_db()
    assert reminder.status == ReminderStatus.PENDING


def test_the_attention_page_costs_the_same_queries_for_one_row_as_for_two_hundred(front_desk_client):
    url = reverse("scheduling:reminder_attention")
    failed(1)
    RescheduleRequest.objects.create(appointment=AppointmentFactory())
    front_desk_client.get(url)
    one = count_queries(lambda: front_desk_client.get(url))
    failed(199)
    for _ in range(20):
        RescheduleRequest.objects.create(appointment=AppointmentFactory())
    many = count_queries(lambda: front_desk_client.get(url))
    assert one == many
    assert front_desk_client.get(url).content.decode().count("21211") == 200


def test_a_handled_reschedule_request_leaves_the_list(front_desk_client, front_desk):
    request = RescheduleRequest.objects.create(appointment=AppointmentFactory())
    front_desk_client.post(reverse("scheduling:reschedule_request_close", args=[request.pk]))
    request.refresh_from_db()
    assert request.handled_by == front_desk
    assert (
        request.appointment.patient.full_name
        not in front_desk_client.get(reverse("scheduling:reminder_attention")).content.decode()
    )


def test_the_chart_shows_a_refused_number_until_the_number_changes(front_desk_client):
    patient = PatientFactory()
    ContactPreference.objects.create(
        patient=patient, invalid_phone=patient.phone, invalid_phone_reason="twilio 400 error 21211"
    )
    chart = reverse("patient_chart", args=[patient.pk])
    assert "were refused" in front_desk_client.get(chart).content.decode()
    patient.phone = "+15035559876"
    patient.save()
    assert "were refused" not in front_desk_client.get(chart).content.decode()


def test_the_desk_records_a_spoken_opt_out_and_a_language(front_desk_client):
    patient = PatientFactory()
    url = reverse("scheduling:reminder_preferences", args=[patient.pk])
    response = front_desk_client.post(url, {"channels": "email", "language": "es", "sms_opted_out": "on"})
    assert response.status_code == 302
    patient.refresh_from_db()
    assert patient.preferred_language == "es"
    assert patient.contact_preference.sms_opted_out
    assert patient.contact_preference.channels == "email"


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=st.dictionaries(
        st.sampled_from(["channels", "language", "sms_opted_out", "other"]),
        st.one_of(st.text(max_size=40), st.sampled_from(["any", "sms", "email", "none", "en", "es", "on"])),
    )
)
def test_the_preferences_form_never_fails_whatever_is_posted(front_desk_client, data):
    patient = PatientFactory()
    response = front_desk_client.post(reverse("scheduling:reminder_preferences", args=[patient.pk]), data)
    assert response.status_code in (200, 302)


def sign(url, data, secret=SECRET):
    payload = url + "".join(key + data[key] for key in sorted(data))
    return base64.b64encode(hmac.new(secret.encode(), payload.encode(), hashlib.sha1).digest()).decode()


@pytest.fixture
def webhook(settings):
    settings.SMS_WEBHOOK_SECRET = SECRET
    path = reverse("scheduling:sms_inbound")
    return path, settings.SITE_URL + path


def test_a_signed_stop_reply_opts_out_everyone_at_that_number(client, webhook):
    path, full = webhook
    mother = PatientFactory(phone="+15035550142")
    son = PatientFactory(phone="+15035550142")
    data = {"From": "+15035550142", "Body": " Stop "}
    response = client.post(path, data, HTTP_X_TWILIO_SIGNATURE=sign(full, data))
    assert response.status_code == 200
    assert ContactPreference.objects.get(patient=mother).sms_opted_out
    assert ContactPreference.objects.get(patient=son).sms_opted_out
    data = {"From": "+15035550142", "Body": "START"}
    client.post(path, data, HTTP_X_TWILIO_SIGNATURE=sign(full, data))
    assert not ContactPreference.objects.get(patient=mother).sms_opted_out


def test_a_stop_reply_with_a_forged_signature_changes_nothing(client, webhook):
    path, full = webhook
    patient = PatientFactory(phone="+15035550143")
    data = {"From": patient.phone, "Body": "STOP"}
    response = client.post(path, data, HTTP_X_TWILIO_SIGNATURE=sign(full, data, secret="guessed"))
    assert response.status_code == 403
    assert not ContactPreference.objects.filter(patient=patient).exists()
