"""The dashboard is a fixed handful of aggregate queries, however many visits, screenings and messages."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from clinic.models import Room
from clinic.roles import Role
from evaluations.models import PlanItem, PriorAuthorization
from intake.models import SymptomScore
from scheduling.models import Appointment, Reminder, ReminderStatus, Status
from tests.clock import LOS_ANGELES, SUITE_TODAY
from tests.conftest import client_for, make_staff
from tests.factories import OfficeFactory, PatientFactory, RoomFactory, StaffFactory, UserFactory
from tests.factories.evaluations import EvaluationFactory, TreatmentPlanFactory
from tests.factories.intake import ScreeningFactory
from tests.factories.scheduling import AvailabilityFactory, appointment_type

pytestmark = pytest.mark.django_db


def seed(count: int) -> None:
    office = OfficeFactory(name="Danville", slug="danville")
    provider = StaffFactory(role=Role.SONOGRAPHER, home_office=office, offices=[office])
    room = RoomFactory(office=office, kind=Room.Kind.ULTRASOUND)
    AvailabilityFactory(provider=provider, office=office, weekday=0, valid_from=SUITE_TODAY - datetime.timedelta(400))
    patient, desk, kind = PatientFactory(preferred_office=office), UserFactory(role=Role.FRONT_DESK), appointment_type()
    start = datetime.datetime.combine(SUITE_TODAY - datetime.timedelta(days=300), datetime.time(8), tzinfo=LOS_ANGELES)
    statuses = [Status.COMPLETED, Status.NO_SHOW, Status.BOOKED]
    visits = Appointment.objects.bulk_create(
        Appointment(
            office=office,
            provider=provider,
            room=room,
            patient=patient,
            appointment_type=kind,
            start=start + datetime.timedelta(days=n),
            end=start + datetime.timedelta(days=n, hours=1),
            status=statuses[n % 3],
            booked_by=desk,
        )
        for n in range(count)
    )
    Reminder.objects.bulk_create(
        Reminder(
            appointment=visit,
            patient=patient,
            office=office,
            kind="reminder",
            channel="email",
            due_at=visit.start - datetime.timedelta(hours=2),
            status=ReminderStatus.FAILED,
        )
        for visit in visits
    )
    for _n in range(min(count, 20)):
        ScreeningFactory(preferred_office=office)
    # Procedures done, each with its prior authorization and a symptom score before and after it.
    note = EvaluationFactory(patient=patient, office=office, visit_date=start.date())
    plan = TreatmentPlanFactory(patient=patient, evaluation=note)
    items = PlanItem.objects.bulk_create(
        PlanItem(
            plan=plan,
            kind="rfa",
            side="R",
            target_segment="GSVa",
            status="done",
            done_on=start.date() + datetime.timedelta(days=n),
            appointment=visit,
        )
        for n, visit in enumerate(visits)
    )
    PriorAuthorization.objects.bulk_create(
        PriorAuthorization(item=item, status="pending", submitted_on=item.done_on) for item in items
    )
    SymptomScore.objects.bulk_create(
        SymptomScore(
            patient=patient,
            occasion=occasion,
            heaviness=3,
            achiness=2,
            swelling=1,
            throbbing=1,
            itching=0,
            source="patient",
            entered_by=desk,
            recorded_at=visit.start + datetime.timedelta(days=shift),
        )
        for visit in visits
        for occasion, shift in (("baseline", -1), ("six_weeks", 42))
    )


def queries_for(count: int, **params: str) -> int:
    seed(count)
    client = client_for(make_staff(Role.CLINIC_ADMIN))
    url = reverse("reports:dashboard")
    client.get(url, params)  # warm the session and the permission caches
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params).status_code == 200
    # Transaction bookkeeping is not a query.
    return len([q for q in captured if not q["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))])


@pytest.mark.parametrize("params", [{}, {"office": "danville"}], ids=["all offices", "one office"])
def test_one_visit_and_two_hundred_cost_the_same_queries(params: dict) -> None:
    few = queries_for(1, **params)
    PriorAuthorization.objects.all().delete()
    PlanItem.objects.all().delete()
    Appointment.objects.all().delete()
    assert few == queries_for(200, **params)
    # Session, user, device and permissions (6), the offices (1) and the chosen one (1), the
    # figures (15: one per metric, utilization five with the schedule it is measured against; the
    # patient-reported outcomes and the prior authorizations one each), the menu, the office
    # choices and the session's save (3).
    assert few <= 26
