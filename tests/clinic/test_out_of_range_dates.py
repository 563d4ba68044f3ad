"""Dates at the ends of the calendar (9999-12-31, 0001-01-01), in any URL or form that
takes one, answer 400 or a form error; never a 500 from a date that cannot be added to
or moved into another time zone."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.urls import reverse

from clinic.roles import Role
from tests.conftest import client_for, make_staff
from tests.factories import PatientFactory
from tests.factories.evaluations import EvaluationFactory, PlanItemFactory
from tests.factories.portal import consult_office, portal_patient
from tests.factories.scheduling import AppointmentFactory, WaitlistEntryFactory, clinic_day

pytestmark = pytest.mark.django_db

DAYS = ["9999-12-31", "0001-01-01"]
TIMES = ["9999-12-31T23:55", "0001-01-01T00:00", "9999-12-31T23:55:00+00:00", "0001-01-01T00:00:00-08:00"]


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(datetime.datetime(2026, 3, 2, 9, tzinfo=zoneinfo.ZoneInfo("America/Los_Angeles"))):
        yield


def refused(response, *, status: int | None = None) -> bool:
    """A 400, or the page again (200) with a form error, or a redirect that explains (302)."""
    assert response.status_code < 500
    if status is not None:
        return response.status_code == status
    return response.status_code in (200, 302, 400)


@pytest.mark.parametrize("day", DAYS)
def test_the_office_day_view_answers_400(front_desk, office, day) -> None:
    url = reverse("scheduling:office_day", kwargs={"slug": office.slug, "day": day})
    assert refused(client_for(front_desk).get(url), status=400)


@pytest.mark.parametrize("day", DAYS)
def test_the_provider_week_view_answers_400(front_desk, office, day) -> None:
    _, provider, _ = clinic_day(office)
    url = reverse("scheduling:provider_week", kwargs={"pk": provider.pk, "day": day})
    assert refused(client_for(front_desk).get(url), status=400)


@pytest.mark.parametrize("day", DAYS)
def test_the_slot_finder_explains_the_date(front_desk, office, day) -> None:
    clinic_day(office)
    response = client_for(front_desk).get(reverse("scheduling:slot_finder"), {"type": "duplex", "first_day": day})
    assert refused(response, status=200)
    assert "Enter a date between" in response.content.decode() or "past" in response.content.decode()


@pytest.mark.parametrize("start", TIMES)
def test_booking_explains_the_time(front_desk, office, start) -> None:
    _, provider, room = clinic_day(office)
    patient = PatientFactory()
    data = {"patient": patient.pk, "type": "duplex", "office": office.slug, "start": start, "provider": provider.pk}
    client = client_for(front_desk)
    assert refused(client.get(reverse("scheduling:book"), data))
    assert refused(client.post(reverse("scheduling:book"), {**data, "room": room.pk}))


@pytest.mark.parametrize("start", TIMES)
def test_moving_an_appointment_explains_the_time(front_desk, office, start) -> None:
    appointment = AppointmentFactory(office=office)
    url = reverse("scheduling:appointment_reschedule", args=[appointment.pk])
    assert refused(client_for(front_desk).post(url, {"office": office.slug, "start": start}))


@pytest.mark.parametrize("day", DAYS)
def test_the_waitlist_form_explains_the_dates(front_desk, day) -> None:
    entry = WaitlistEntryFactory.build()
    data = {"appointment_type": entry.appointment_type.pk, "earliest": day, "latest": day}
    response = client_for(front_desk).post(f"{reverse('scheduling:waitlist')}?patient={PatientFactory().pk}", data)
    assert refused(response, status=200)


@pytest.mark.parametrize("day", DAYS)
def test_the_availability_forms_explain_the_dates(clinic_admin, office, day) -> None:
    _, provider, _ = clinic_day(office)
    client = client_for(clinic_admin)
    weekly = {
        "form": "weekly",
        "weekly-provider": provider.pk,
        "weekly-office": office.pk,
        "weekly-weekday": 0,
        "weekly-start_time": "08:00",
        "weekly-end_time": "12:00",
        "weekly-valid_from": day,
        "weekly-valid_to": day,
    }
    exception = {
        "form": "exception",
        "exception-kind": "closed",
        "exception-provider": provider.pk,
        "exception-office": office.pk,
        "exception-date": day,
        "exception-end_date": day,
    }
    assert refused(client.post(reverse("scheduling:availability"), weekly))
    assert refused(client.post(reverse("scheduling:availability"), exception))


@pytest.mark.parametrize("day", DAYS)
def test_registering_a_patient_explains_the_birth_date(front_desk, day) -> None:
    data = {"first_name": "Ann", "last_name": "Lee", "date_of_birth": day, "phone": "(503) 555-0101"}
    response = client_for(front_desk).post(reverse("patient_create"), data)
    assert refused(response, status=200)


@pytest.mark.parametrize("day", DAYS)
def test_searching_by_an_impossible_birth_date_finds_nobody(front_desk, day) -> None:
    assert refused(client_for(front_desk).get(reverse("patient_list"), {"q": day}), status=200)


@pytest.mark.parametrize("day", DAYS)
def test_the_public_screening_form_explains_the_birth_date(day) -> None:
    from django.test import Client

    assert refused(Client().post(reverse("screening_form"), {"date_of_birth": day}), status=200)


@pytest.mark.parametrize("day", DAYS)
def test_the_audit_filter_explains_the_dates(clinic_admin, day) -> None:
    response = client_for(clinic_admin).get(reverse("audit_log"), {"since": day, "until": day})
    assert refused(response, status=200)


@pytest.mark.parametrize("day", DAYS)
def test_a_note_explains_the_visit_date(office, day) -> None:
    physician = make_staff(Role.PHYSICIAN, office)
    note = EvaluationFactory(physician=physician, office=office)
    response = client_for(physician).post(reverse("evaluations:evaluation_edit", args=[note.pk]), {"visit_date": day})
    assert refused(response)


@pytest.mark.parametrize("day", DAYS)
def test_plan_items_explain_their_dates(office, day) -> None:
    physician = make_staff(Role.PHYSICIAN, office)
    item = PlanItemFactory(plan__created_by=physician)
    client = client_for(physician)
    assert refused(
        client.post(
            reverse("evaluations:plan_item_add", args=[item.plan.pk]),
            {"kind": "compression", "side": "B", "compression_class": "20-30", "start_date": day, "trial_days": 90},
        )
    )
    assert refused(
        client.post(reverse("evaluations:plan_item_status", args=[item.pk]), {"status": "done", "done_on": day})
    )


@pytest.mark.parametrize("start", TIMES)
def test_scheduling_a_plan_item_explains_the_time(office, front_desk, start) -> None:
    item = PlanItemFactory()
    url = reverse("evaluations:plan_item_schedule", args=[item.pk])
    assert refused(client_for(front_desk).post(url, {"start": start, "office": office.pk}))


@pytest.mark.parametrize("start", TIMES)
def test_the_portal_booking_pages_explain_the_time(start) -> None:
    office, _, _ = consult_office()
    user, patient = portal_patient(office)
    client = client_for(user)
    query = {"office": office.slug, "type": "new_consult", "start": start}
    assert refused(client.get(reverse("portal:book_confirm"), query))
    assert refused(client.post(reverse("portal:book_confirm"), query))
    appointment = AppointmentFactory(patient=patient, office=office)
    assert refused(client.post(reverse("portal:appointment_move", args=[appointment.pk]), {"start": start}))


@pytest.mark.parametrize("day", DAYS)
def test_a_portal_identity_change_explains_the_birth_date(patient_user, day) -> None:
    data = {"first_name": "Ann", "last_name": "Lee", "date_of_birth": day}
    assert refused(client_for(patient_user).post(reverse("portal:identity_change"), data), status=200)
