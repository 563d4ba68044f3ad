"""The demo practice takes online bookings and has a patient who can log in to the portal."""

import pytest
from django.core.management import call_command
from django.test import Client

from clinic.demo import DEMO_PASSWORD
from scheduling.models import OfficeBookingPolicy, SelfBookingMode

pytestmark = pytest.mark.django_db


def test_demo_offices_take_online_bookings_and_the_demo_patient_logs_in() -> None:
    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)
    assert OfficeBookingPolicy.objects.filter(mode=SelfBookingMode.INSTANT).count() == 1
    assert OfficeBookingPolicy.objects.filter(appointment_types__code="new_consult").exists()
    client = Client()
    response = client.post("/accounts/login/", {"username": "patient", "password": DEMO_PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == "/portal/"


def test_the_demo_patient_has_a_baseline_and_a_six_week_symptom_score() -> None:
    from intake.models import SymptomScore

    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)
    scores = SymptomScore.objects.filter(patient__user__username="patient").order_by("recorded_at")
    assert [(s.occasion, s.total, s.source) for s in scores] == [
        ("baseline", 17, "patient"),
        ("six_weeks", 6, "patient"),
    ]
