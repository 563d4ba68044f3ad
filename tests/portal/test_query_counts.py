"""Portal pages make the same number of queries for one record as for many."""

import datetime

import pytest
from django.utils import timezone

from evaluations.rules.procedures import ItemKind
from tests.conftest import client_for
from tests.factories.evaluations import PlanItemFactory, TreatmentPlanFactory, signed_evaluation
from tests.factories.portal import BookingRequestFactory
from tests.factories.scheduling import AppointmentFactory
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db


def add_history(patient, office, physician, n: int, offset: int) -> None:
    for i in range(n):
        start = (timezone.now() + datetime.timedelta(days=offset + i)).replace(minute=0, second=0, microsecond=0)
        AppointmentFactory(patient=patient, office=office, start=start)
        past = start - datetime.timedelta(days=400)
        AppointmentFactory(patient=patient, office=office, start=past, end=past + datetime.timedelta(minutes=45))
        BookingRequestFactory(patient=patient, office=office)
        signed_evaluation(patient, physician, visit_date=timezone.localdate() - datetime.timedelta(days=offset + i))
        plan = TreatmentPlanFactory(patient=patient)
        PlanItemFactory(plan=plan, kind=ItemKind.RFA)
        PlanItemFactory(plan=plan, kind=ItemKind.VENASEAL, side="L")
        plan.sign(physician)


@pytest.mark.parametrize("path", ["/portal/", "/portal/plan/", "/portal/preferences/", "/portal/intake/"])
def test_portal_page_queries_are_flat_in_the_number_of_records(my_client, me, consult_day, path: str) -> None:
    office, physician, _room = consult_day
    add_history(me[1], office, physician.user, 1, offset=1)
    my_client.get(path)  # warm caches (content types, session)
    few = count_queries(lambda: my_client.get(path))
    add_history(me[1], office, physician.user, 20, offset=30)
    many = count_queries(lambda: my_client.get(path))
    assert few == many, f"{path}: {few} queries for one record, {many} for twenty"


def test_the_desk_queue_is_flat_in_the_number_of_requests(front_desk, consult_day) -> None:
    client = client_for(front_desk)
    BookingRequestFactory(office=consult_day[0])
    client.get("/portal/desk/requests/")
    few = count_queries(lambda: client.get("/portal/desk/requests/"))
    for _ in range(20):
        BookingRequestFactory(office=consult_day[0])
    assert count_queries(lambda: client.get("/portal/desk/requests/")) == few
