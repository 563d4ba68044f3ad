"""Prior authorization per planned procedure: its status flow, its constraints, expiry warnings, the desk's queue."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from clinic.models import AuditEntry
from evaluations import services
from evaluations.models import AuthorizationStatus, PayerRuleSet, PriorAuthorization
from evaluations.models.plans import ItemStatus
from evaluations.models.safety import EXPIRY_WARNING_DAYS
from tests.conftest import client_for
from tests.factories.evaluations import PlanItemFactory, PriorAuthorizationFactory, TreatmentPlanFactory, signed_plan
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def requiring_payer() -> PayerRuleSet:
    return PayerRuleSet.objects.create(name="Needs prior auth", requires_prior_authorization=True)


def test_an_authorization_goes_from_submitted_to_approved_and_authorizes_the_procedure(front_desk) -> None:
    item = PlanItemFactory()
    services.update_prior_authorization(
        item=item, by=front_desk, status="pending", submitted_on=days(-3), payer_reference="CASE-88"
    )
    auth = services.update_prior_authorization(
        item=item, by=front_desk, status="approved", number=" AUTH-123 ", units=2, valid_until=days(60)
    )
    item.refresh_from_db()
    assert (auth.status, auth.number, auth.units, auth.updated_by) == ("approved", "AUTH-123", 2, front_desk)
    assert item.status == ItemStatus.AUTHORIZED and item.authorization_number == "AUTH-123"


def test_a_denial_is_appealed_then_approved(front_desk) -> None:
    item = PlanItemFactory()
    for status in ("pending", "denied", "appealed"):
        services.update_prior_authorization(item=item, by=front_desk, status=status, submitted_on=days(-5))
    auth = services.update_prior_authorization(item=item, by=front_desk, status="approved", number="A-9")
    assert auth.status == AuthorizationStatus.APPROVED


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"status": "denied", "submitted_on": days(-1)}, "status"),  # to submit -> denied skips pending
        ({"status": "approved", "submitted_on": days(-1)}, "number"),
        ({"status": "pending"}, "submitted_on"),
        ({"status": "pending", "submitted_on": days(-1), "valid_until": days(-1)}, "valid_until"),
        ({"status": "pending", "submitted_on": days(-1), "units": 0}, "units"),
    ],
)
def test_a_wrong_authorization_is_refused_naming_its_field(front_desk, values, field) -> None:
    with pytest.raises(ValidationError) as refused:
        services.update_prior_authorization(item=PlanItemFactory(), by=front_desk, **values)
    assert field in refused.value.message_dict
    assert not PriorAuthorization.objects.exists()


@pytest.mark.parametrize(
    "values",
    [
        {"status": "approved", "number": ""},
        {"status": "pending", "submitted_on": None},
        {"status": "pending", "valid_until": datetime.date(2030, 1, 1), "submitted_on": datetime.date(2030, 1, 1)},
        {"units": 0},
        {"status": "lost"},
    ],
)
def test_the_database_refuses_an_authorization_that_makes_no_sense(values) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        PriorAuthorizationFactory(**values)


def test_the_plan_page_records_an_authorization_and_keeps_a_mistake_next_to_its_field(front_desk) -> None:
    item = PlanItemFactory()
    client = client_for(front_desk)
    url = reverse("evaluations:prior_authorization_update", args=[item.pk])
    bad = {"required": "on", "status": "approved", "submitted_on": "2030-06-01", "payer_reference": "REF-1"}
    response = client.post(url, bad)
    page = response.content.decode()
    assert response.status_code == 400
    assert "An approval comes with an authorization number" in page and 'value="REF-1"' in page
    good = {**bad, "number": "PA-77", "valid_until": "2030-09-01", "units": "1"}
    assert client.post(url, good).status_code == 302
    assert PriorAuthorization.objects.get(item=item).number == "PA-77"
    assert AuditEntry.objects.filter(content_type__model="priorauthorization", action=AuditEntry.Action.CREATE).exists()


def test_an_approval_running_out_soon_is_flagged_on_the_plan(front_desk, clock) -> None:
    item = PlanItemFactory()
    PriorAuthorizationFactory(
        item=item, status="approved", number="PA-1", submitted_on=days(-30), valid_until=days(EXPIRY_WARNING_DAYS)
    )
    page = client_for(front_desk).get(item.plan.get_absolute_url()).content.decode()
    assert f"Expires in {EXPIRY_WARNING_DAYS} days" in page
    clock.move_to(timezone.now() - datetime.timedelta(days=1))
    page = client_for(front_desk).get(item.plan.get_absolute_url()).content.decode()
    assert "Expires in" not in page
    clock.move_to(timezone.now() + datetime.timedelta(days=EXPIRY_WARNING_DAYS + 2))
    page = client_for(front_desk).get(item.plan.get_absolute_url()).content.decode()
    assert 'data-testid="auth-expired"' in page


def queue_rows(client) -> dict[str, list[int]]:
    response = client.get(reverse("evaluations:prior_auth_queue"))
    return {key: [row.item.pk for row in rows] for key, _, rows in response.context["sections"]}


def test_the_queue_sorts_authorizations_for_the_desk(front_desk, physician) -> None:
    to_submit = signed_plan(physician=physician).items.get()
    PriorAuthorizationFactory(item=to_submit, status="to_submit", submitted_on=None)
    not_required = signed_plan(physician=physician).items.get()
    pending = PriorAuthorizationFactory(status="appealed").item
    denied = PriorAuthorizationFactory(status="denied").item
    expiring = PriorAuthorizationFactory(
        status="approved", number="N1", submitted_on=days(-9), valid_until=days(3)
    ).item
    later = PriorAuthorizationFactory(status="approved", number="N2", submitted_on=days(-9), valid_until=days(90)).item
    rows = queue_rows(client_for(front_desk))
    assert rows == {
        "to_submit": [to_submit.pk],
        "pending": [pending.pk],
        "expiring": [expiring.pk],
        "denied": [denied.pk],
    }
    listed = [pk for pks in rows.values() for pk in pks]
    assert not_required.pk not in listed and later.pk not in listed


def test_a_signed_plan_whose_payer_requires_it_is_listed_before_any_authorization_is_started(physician, front_desk):
    item = PlanItemFactory(plan=TreatmentPlanFactory(payer_rule_set=requiring_payer()))
    draft = PlanItemFactory(plan=TreatmentPlanFactory(payer_rule_set=item.plan.payer_rule_set))
    item.plan.sign(physician)
    assert queue_rows(client_for(front_desk))["to_submit"] == [item.pk]
    assert draft.plan.status == "draft"


def test_the_queue_makes_as_many_queries_for_one_row_as_for_many(front_desk) -> None:
    client = client_for(front_desk)
    PriorAuthorizationFactory(status="pending")
    client.get(reverse("evaluations:prior_auth_queue"))
    one = count_queries(lambda: client.get(reverse("evaluations:prior_auth_queue")))
    for status in ("pending", "denied", "appealed") * 5:
        PriorAuthorizationFactory(status=status)
    PriorAuthorizationFactory.create_batch(5, status="approved", number="X", submitted_on=days(-2), valid_until=days(5))
    assert count_queries(lambda: client.get(reverse("evaluations:prior_auth_queue"))) == one


def test_the_queue_is_in_the_desks_menu_and_not_the_sonographers(front_desk, sonographer) -> None:
    queue = reverse("evaluations:prior_auth_queue")
    assert f'href="{queue}"' in client_for(front_desk).get(reverse("home")).content.decode()
    assert f'href="{queue}"' not in client_for(sonographer).get(reverse("home")).content.decode()
