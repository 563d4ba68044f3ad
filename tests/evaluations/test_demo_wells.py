"""The demo practice shows a Wells score: a "DVT likely" leg flagged on the demo physician's home page."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from evaluations.models import WellsAssessment
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_likely_wells_score_flagged_for_the_physician_and_loads_twice_the_same() -> None:
    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)
    assessment = WellsAssessment.objects.get()
    assert assessment.likely
    assert set(assessment.prefilled) == {"previous_dvt", "entire_leg_swollen"}
    physician = get_user_model().objects.get(username="physician")
    home = client_for(physician).get(reverse("home")).content.decode()
    assert "Rivermead: Wells 4, DVT likely (right leg)" in home
