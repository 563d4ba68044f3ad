"""Confirm, cancel and ask-to-reschedule links: signed, expiring, single-purpose, no login."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scheduling.models import ReminderStatus, RescheduleRequest, Status
from scheduling.reminders.links import make_token
from tests.factories import PatientFactory
from tests.factories.reminders import ReminderFactory
from tests.factories.scheduling import AppointmentFactory

pytestmark = pytest.mark.django_db


def url(purpose, token):
    return reverse("scheduling:reminder_link", args=[purpose, token])


def test_a_confirm_link_shows_only_what_the_message_said_and_confirms_on_the_button(client):
    # A surname no page word contains (a random one such as "Lang" is in "Language").
    appointment = AppointmentFactory(patient=PatientFactory(last_name="Quellwater"))
    link = url("confirm", make_token(appointment, "confirm"))
    page = client.get(link).content.decode()
    assert appointment.office.name in page and appointment.office.phone in page
    assert appointment.patient.last_name not in page
    assert appointment.appointment_type.name not in page
    appointment.refresh_from_db()
    assert appointment.status == Status.BOOKED  # opening the link (or a link scanner) changes nothing
    response = client.post(link)
    assert response.status_code == 302
    appointment.refresh_from_db()
    assert appointment.status == Status.CONFIRMED
    assert "Your appointment is confirmed" in client.get(link).content.decode()
    assert appointment.events.last().by.username == "patient-link"


def test_a_cancel_link_cancels_and_removes_the_remaining_reminders(client):
    reminder = ReminderFactory(due_at=timezone.now() + datetime.timedelta(hours=3))
    appointment = reminder.appointment
    client.post(url("cancel", make_token(appointment, "cancel")))
    appointment.refresh_from_db()
    reminder.refresh_from_db()
    assert appointment.status == Status.CANCELLED
    assert reminder.status == ReminderStatus.CANCELLED


def test_a_reschedule_link_leaves_one_request_for_the_front_desk(client):
    appointment = AppointmentFactory()
    link = url("reschedule", make_token(appointment, "reschedule"))
    client.post(link)
    client.post(link)
    assert RescheduleRequest.objects.filter(appointment=appointment, handled_at=None).count() == 1
    assert "The office will call you" in client.get(link).content.decode()


def test_a_confirm_token_cannot_cancel(client):
    appointment = AppointmentFactory()
    response = client.post(url("cancel", make_token(appointment, "confirm")))
    assert response.status_code == 400
    appointment.refresh_from_db()
    assert appointment.status == Status.BOOKED


def test_a_tampered_link_gets_a_clear_page_and_changes_nothing(client):
    appointment = AppointmentFactory()
    other = AppointmentFactory()
    token = make_token(appointment, "cancel").replace(f"{appointment.pk}.", f"{other.pk}.", 1)
    response = client.post(url("cancel", token))
    assert response.status_code == 400
    assert "This link is not valid" in response.content.decode()
    other.refresh_from_db()
    assert other.status == Status.BOOKED


def test_an_expired_link_says_so_and_changes_nothing(client, settings):
    appointment = AppointmentFactory()
    token = make_token(appointment, "confirm")
    settings.REMINDER_LINK_MAX_AGE_DAYS = -1
    response = client.post(url("confirm", token))
    assert response.status_code == 410
    assert "This link has expired" in response.content.decode()
    appointment.refresh_from_db()
    assert appointment.status == Status.BOOKED


def test_a_link_for_a_time_that_has_since_moved_is_dead(client):
    appointment = AppointmentFactory()
    token = make_token(appointment, "confirm")
    appointment.start += datetime.timedelta(days=1)
    appointment.end += datetime.timedelta(days=1)
    appointment.save()
    assert client.post(url("confirm", token)).status_code == 410


def test_the_page_is_in_the_patients_language(client):
    appointment = AppointmentFactory(patient__preferred_language="es")
    page = client.get(url("confirm", make_token(appointment, "confirm"))).content.decode()
    months = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
              "noviembre", "diciembre"]  # fmt: skip
    assert any(f"de {month}" in page for month in months)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    purpose=st.sampled_from(["confirm", "cancel", "reschedule", "delete"]),
    token=st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="/"), min_size=1),
)
def test_random_tokens_never_cause_a_server_error(purpose, token):
    client = Client(raise_request_exception=False)
    for method in (client.get, client.post):
        try:
            response = method(url(purpose, token))
        except Exception as error:  # a URL that cannot be reversed is not a request
            assert type(error).__name__ == "NoReverseMatch"
            return
        assert response.status_code in (400, 404, 410)
