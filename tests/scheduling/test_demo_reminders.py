"""The demo practice's booked visits have reminders that would really go out."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from intake.models import Patient
from scheduling.models import Reminder
from scheduling.reminders.dispatch import skip_reason
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_the_demo_patients_have_consented_so_their_pending_reminders_are_not_skipped() -> None:
    call_command("load_demo", verbosity=0)
    demo_patient = Patient.objects.get(user__username="patient")
    assert demo_patient.full_name == "Marguerite Oakhollow"  # the name the README and `make run` give
    assert demo_patient.sms_consent and demo_patient.email_consent
    live = list(Reminder.objects.live().for_dispatch())
    assert live, "the demo books visits, and visits have reminders"
    reasons = {skip_reason(reminder, timezone.now()) for reminder in live}
    assert not any("consent" in reason for reason in reasons)


def test_the_demo_patients_chart_does_not_say_there_is_no_consent_on_file() -> None:
    call_command("load_demo", verbosity=0)
    demo_patient = Patient.objects.get(user__username="patient")
    desk = client_for(get_user_model().objects.get(username="frontdesk"))
    page = desk.get(reverse("patient_chart", args=[demo_patient.pk]))
    assert page.status_code == 200
    assert "No consent to" not in page.content.decode()
