"""A signed plan keeps the payer it was signed against; a draft's payer still changes."""

import pytest
from django.urls import reverse

from evaluations.models import TreatmentPlan
from tests.conftest import client_for
from tests.factories.evaluations import TreatmentPlanFactory, rule_set, signed_plan

pytestmark = pytest.mark.django_db


def test_changing_a_signed_plans_payer_is_refused_with_a_message(physician) -> None:
    plan = signed_plan(physician=physician)
    other = rule_set("Medicare LCD-style")
    response = client_for(physician).post(
        reverse("evaluations:plan_payer", args=[plan.pk]), {"payer_rule_set": other.pk}, follow=True
    )
    assert response.status_code == 200
    assert "This treatment plan is signed and can no longer be changed" in response.content.decode()
    assert TreatmentPlan.objects.get(pk=plan.pk).payer_rule_set_id is None


def test_a_signed_plan_offers_no_payer_or_sign_form(physician) -> None:
    plan = signed_plan(physician=physician)
    page = client_for(physician).get(plan.get_absolute_url()).content.decode()
    assert reverse("evaluations:plan_payer", args=[plan.pk]) not in page
    assert reverse("evaluations:plan_sign", args=[plan.pk]) not in page


def test_a_draft_plans_payer_still_changes(physician) -> None:
    plan = TreatmentPlanFactory(created_by=physician)
    medicare = rule_set("Medicare LCD-style")
    client_for(physician).post(reverse("evaluations:plan_payer", args=[plan.pk]), {"payer_rule_set": medicare.pk})
    assert TreatmentPlan.objects.get(pk=plan.pk).payer_rule_set == medicare
