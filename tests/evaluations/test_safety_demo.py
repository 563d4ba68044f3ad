"""The demo practice shows an allergy, a blood thinner, a stopped Varithena and a pending prior authorization."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from evaluations import services
from evaluations.models import PriorAuthorization, TreatmentPlan
from evaluations.rules.gates import Gate
from intake.models import Allergy
from tests.conftest import client_for
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_demo_plan_shows_the_safety_checks_and_a_pending_authorization_once() -> None:
    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)
    plan = TreatmentPlan.objects.get(notes__startswith="Demo plan")
    assert Allergy.objects.filter(patient=plan.patient, agent="polidocanol").count() == 1
    assert PriorAuthorization.objects.get(item__plan=plan).status == "pending"
    gates = services.plan_gates(plan, services.check_plan(plan))
    varithena, rfa = plan.items.order_by("pk")
    assert gates[varithena.pk].gates == [Gate.ALLERGY]
    assert gates[rfa.pk].gates == [Gate.AUTHORIZATION]
    assert any("Eliquis (apixaban)" in w for w in gates[rfa.pk].warnings)
    desk = UserFactory(username="frontdesk")
    rows = client_for(desk).get(reverse("evaluations:prior_auth_queue")).context["sections"]
    pending = [row.item for key, _, section in rows if key == "pending" for row in section]
    # Hers, once, beside the treated patients' second requests (reports.demo), pending or appealed.
    assert [item.pk for item in pending if item.plan.patient_id == plan.patient_id] == [rfa.pk]
