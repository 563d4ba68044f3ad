"""A worker's batch costs a fixed handful of queries plus two per message: the check that the
row is still ours just before sending it, and the one 'sent' mark."""

import pytest
from django.utils import timezone

from scheduling.models import ContactPreference, Reminder, ReminderStatus
from scheduling.reminders import dispatch
from scheduling.reminders.links import LinkMaker, link_url, read_token
from tests.factories.reminders import ReminderFactory
from tests.factories.scheduling import AppointmentFactory
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _daytime(settings, recorded):
    settings.REMINDER_QUIET_HOURS = ""


def due_mix(count: int) -> None:
    """Texts and emails, reminders and preparations, English and Spanish, some with a preference row."""
    for index in range(count):
        appointment = AppointmentFactory()
        patient = appointment.patient
        patient.set_consents(sms=True, email=True)
        patient.preferred_language = "es" if index % 2 else "en"
        patient.save()
        if index % 3 == 0:
            ContactPreference.objects.create(patient=patient)
        ReminderFactory(
            appointment=appointment,
            channel="email" if index % 2 else "sms",
            kind="preparation" if index % 4 == 1 else "reminder",
        )


def queries_to_send_everything_due() -> tuple[int, int]:
    ids, token = dispatch.claim_due_batch(now=timezone.now(), size=500)
    queries = count_queries(lambda: dispatch.send_batch(ids, str(token)))
    assert Reminder.objects.filter(status=ReminderStatus.SENT).count() == len(ids)
    return queries, len(ids)


def test_a_batch_costs_the_same_fixed_queries_for_one_message_or_forty_besides_each_check_and_mark():
    due_mix(1)
    one, sent_one = queries_to_send_everything_due()
    Reminder.objects.all().delete()
    due_mix(40)
    forty, sent_forty = queries_to_send_everything_due()
    assert (sent_one, sent_forty) == (1, 40)
    assert forty - 2 * sent_forty == one - 2 * sent_one


def test_a_link_made_for_a_batch_is_the_link_a_single_message_would_carry():
    appointment = AppointmentFactory()
    made = LinkMaker().url(appointment, "cancel")
    single = link_url(appointment, "cancel")
    token = made.rstrip("/").rpartition("/")[2]
    assert read_token(token, "cancel") == appointment
    assert made.rpartition("/cancel/")[0] == single.rpartition("/cancel/")[0]
    assert made.replace(token, "") == single.replace(single.rstrip("/").rpartition("/")[2], "")
