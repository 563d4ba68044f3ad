"""The demo practice has a practice manager and a past for the dashboard to show."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from clinic.roles import Role, roles_of
from scheduling.models import Appointment
from tests.conftest import client_for
from tests.reports.helpers import figures_of

pytestmark = pytest.mark.django_db


def test_the_demo_manager_sees_past_visits_on_the_dashboard() -> None:
    call_command("load_demo", verbosity=0)
    history = Appointment.objects.filter(notes="Demo history").count()
    call_command("load_demo", verbosity=0)
    assert Appointment.objects.filter(notes="Demo history").count() == history > 0
    manager = get_user_model().objects.get(username="manager")
    assert manager.check_password("veinflow-demo")
    assert Role.PRACTICE_MANAGER in roles_of(manager)
    response = client_for(manager).get(reverse("reports:dashboard"), {"office": "danville"})
    rows = {row[0]: row for row in figures_of(response)["visits-by-type"].table.rows}
    assert int(rows["Duplex ultrasound"][2]) > 0  # completed
