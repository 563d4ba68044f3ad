"""Scheduling a procedure is refused, every reason listed, until a physician overrides with a written reason."""

import datetime
from collections.abc import Callable

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from clinic.models import AuditEntry
from evaluations import services
from evaluations.models import AuthorizationStatus, GateOverride, PayerRuleSet, PlanItem
from evaluations.models.plans import ItemStatus
from evaluations.rules.gates import Gate
from intake.models import Pregnancy
from tests.conftest import client_for
from tests.evaluations.test_treatment_plans import _clinic_week
from tests.factories import IntakeRecordFactory, PatientFactory
from tests.factories.evaluations import (
    PlanItemFactory,
    PriorAuthorizationFactory,
    TreatmentPlanFactory,
    final_study,
    rule_set,
)
from tests.factories.intake import AllergyFactory
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db


def acute_dvt(item: PlanItem) -> None:
    final_study(item.plan.patient, side="R", segment="POPV", compressibility="none", thrombus="acute")


def lidocaine_allergy(item: PlanItem) -> None:
    AllergyFactory(patient=item.plan.patient, agent="lidocaine")


def pregnant(item: PlanItem) -> None:
    IntakeRecordFactory(patient=item.plan.patient, pregnancy=Pregnancy.YES)


def unmet_payer_criterion(item: PlanItem) -> None:
    item.plan.payer_rule_set = rule_set("Aetna-style")
    item.plan.save(update_fields=["payer_rule_set"])


def authorization_required(item: PlanItem) -> None:
    item.plan.payer_rule_set = PayerRuleSet.objects.create(name="Prior-auth payer", requires_prior_authorization=True)
    item.plan.save(update_fields=["payer_rule_set"])


def authorization_expires_first(item: PlanItem) -> None:
    today = timezone.localdate()
    PriorAuthorizationFactory(
        item=item,
        status=AuthorizationStatus.APPROVED,
        number="UHC-1",
        submitted_on=today - datetime.timedelta(days=20),
        valid_until=today + datetime.timedelta(days=1),
    )


GATES: dict[str, tuple[Callable[[PlanItem], None], Gate]] = {
    "acute DVT": (acute_dvt, Gate.ACUTE_DVT),
    "lidocaine allergy for RFA": (lidocaine_allergy, Gate.ALLERGY),
    "pregnancy": (pregnant, Gate.PREGNANCY),
    "unmet payer criterion": (unmet_payer_criterion, Gate.PAYER_CRITERIA),
    "authorization required, none": (authorization_required, Gate.AUTHORIZATION),
    "authorization expires before the day": (authorization_expires_first, Gate.AUTHORIZATION),
}


@pytest.fixture
def rfa(office) -> PlanItem:
    _clinic_week(office)
    return PlanItemFactory(plan=TreatmentPlanFactory(patient=PatientFactory(preferred_office=office)))


def start_in(office, days: int = 2) -> datetime.datetime:
    return datetime.datetime.combine(
        timezone.localdate() + datetime.timedelta(days=days), datetime.time(9), office.zone
    )


def booking(office, **extra) -> dict:
    return {"office": office.pk, "start": f"{start_in(office):%Y-%m-%dT%H:%M}", **extra}


@pytest.mark.parametrize("gate", GATES, ids=list(GATES))
def test_each_gate_refuses_then_a_physician_overrides_with_a_reason(gate, rfa, office, physician) -> None:
    make, expected = GATES[gate]
    make(rfa)
    with pytest.raises(services.SafetyGatesClosed) as refused:
        services.schedule_procedure(item=rfa, office=office, start=start_in(office), by=physician)
    assert refused.value.result.gates == [expected]
    rfa.refresh_from_db()
    assert rfa.appointment is None and rfa.status == ItemStatus.PROPOSED

    reason = "Discussed with the patient and the vascular team; benefit outweighs the risk."
    services.schedule_procedure(item=rfa, office=office, start=start_in(office), by=physician, override_reason=reason)
    rfa.refresh_from_db()
    assert rfa.status == ItemStatus.SCHEDULED
    override = rfa.gate_overrides.get()
    assert (override.gates, override.reason, override.overridden_by) == ([expected], reason, physician)
    assert override.refusals == "\n".join(str(r) for r in refused.value.result.refusals)
    audited = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(GateOverride), object_pk=str(override.pk)
    )
    assert audited.filter(action=AuditEntry.Action.CREATE).exists()
    page = client_for(physician).get(rfa.plan.get_absolute_url()).content.decode()
    assert "Safety checks overridden" in page and reason in page


def test_the_plan_page_lists_every_reason_a_booking_is_refused(rfa, office, physician) -> None:
    acute_dvt(rfa)
    lidocaine_allergy(rfa)
    rfa.plan.payer_rule_set = rule_set("Medicare LCD-style")
    rfa.plan.save(update_fields=["payer_rule_set"])
    url = reverse("evaluations:plan_item_schedule", args=[rfa.pk])
    response = client_for(physician).post(url, booking(office))
    page = response.content.decode()
    assert response.status_code == 400
    refusal = page.split(f'data-testid="refusal-{rfa.pk}"')[1].split("</div>")[0]
    assert "Acute DVT" in refusal and "right POPV" in refusal
    assert "Lidocaine" in refusal
    assert "No deep venous obstruction on duplex: not met" in refusal
    assert 'name="override_reason"' in page


def test_an_override_without_a_reason_is_refused_next_to_the_field_keeping_what_was_typed(
    rfa, office, physician
) -> None:
    acute_dvt(rfa)
    data = booking(office, override="1", override_reason="   ")
    response = client_for(physician).post(reverse("evaluations:plan_item_schedule", args=[rfa.pk]), data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Write why the procedure should go ahead" in page
    assert f'value="{data["start"]}"' in page
    assert f'<option value="{office.pk}" selected>' in page
    assert not GateOverride.objects.exists()
    rfa.refresh_from_db()
    assert rfa.appointment is None


def test_a_non_physician_cannot_override_nor_sees_the_field(rfa, office, front_desk) -> None:
    acute_dvt(rfa)
    client = client_for(front_desk)
    assert 'name="override_reason"' not in client.get(rfa.plan.get_absolute_url()).content.decode()
    data = booking(office, override="1", override_reason="The patient insists.")
    response = client.post(reverse("evaluations:plan_item_schedule", args=[rfa.pk]), data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "only a physician may override" in page and 'name="override_reason"' not in page
    with pytest.raises(services.SafetyGatesClosed):
        services.schedule_procedure(
            item=rfa, office=office, start=start_in(office), by=front_desk, override_reason="The patient insists."
        )
    assert not GateOverride.objects.exists()


def test_a_blood_thinner_warns_on_the_plan_and_at_booking_but_books(rfa, office, physician) -> None:
    IntakeRecordFactory(patient=rfa.plan.patient, medications="ELIQUIS 5 mg twice daily")
    client = client_for(physician)
    page = client.get(rfa.plan.get_absolute_url()).content.decode()
    assert "Blood thinner: Eliquis (apixaban), anticoagulant" in page
    response = client.post(reverse("evaluations:plan_item_schedule", args=[rfa.pk]), booking(office), follow=True)
    rfa.refresh_from_db()
    assert rfa.status == ItemStatus.SCHEDULED and not rfa.gate_overrides.exists()
    assert "Blood thinner: Eliquis (apixaban)" in response.content.decode()


def test_a_dvt_resolved_on_a_later_study_no_longer_refuses(rfa, office, physician) -> None:
    acute_dvt(rfa)
    final_study(rfa.plan.patient, side="R", segment="POPV", compressibility="full", thrombus="")
    services.schedule_procedure(item=rfa, office=office, start=start_in(office), by=physician)
    rfa.refresh_from_db()
    assert rfa.status == ItemStatus.SCHEDULED


def test_the_gates_are_judged_with_as_many_queries_for_one_procedure_as_for_many(physician, office) -> None:
    def plan_with(n: int):
        plan = TreatmentPlanFactory(patient=PatientFactory(preferred_office=office))
        for i in range(n):
            item = PlanItemFactory(plan=plan, side="RL"[i % 2], target_segment=["GSVa", "SSV", "AASV"][i % 3])
            PriorAuthorizationFactory(item=item)
            AllergyFactory(
                patient=plan.patient, agent=["latex", "iodine", "adhesive", "lidocaine"][i % 4]
            ) if i < 4 else None
        acute_dvt(item)
        IntakeRecordFactory(patient=plan.patient, medications="Xarelto\nPlavix")
        return plan

    client = client_for(physician)
    counts = [count_queries(lambda p=plan_with(n): client.get(p.get_absolute_url())) for n in (1, 6)]
    assert counts[0] == counts[1]
