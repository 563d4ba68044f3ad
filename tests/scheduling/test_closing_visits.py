"""Completing a visit or marking a no-show is for the provider of record or the front desk;
each page shows only the buttons its user may use."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.urls import reverse

from clinic.roles import Role
from scheduling.models import Status
from tests.conftest import client_for, make_staff
from tests.factories.scheduling import AppointmentFactory, RoomFactory

pytestmark = pytest.mark.django_db

ZONE = zoneinfo.ZoneInfo("America/Los_Angeles")
DAY = datetime.date(2026, 6, 10)
NOON = datetime.datetime.combine(DAY, datetime.time(12), tzinfo=ZONE)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOON, tick=False):
        yield


@pytest.fixture
def colleague(office):
    return make_staff(Role.PHYSICIAN, office)


def visit(provider_user, office, *, hour: int, status: str = Status.CHECKED_IN):
    start = datetime.datetime.combine(DAY, datetime.time(hour), tzinfo=ZONE)
    return AppointmentFactory(
        office=office, provider=provider_user.staff_profile, room=RoomFactory(office=office), start=start, status=status
    )


def set_status(client, appointment, status: str):
    return client.post(reverse("scheduling:appointment_status", args=[appointment.pk]), {"status": status})


def test_the_provider_of_record_completes_their_visit(physician, physician_client, office) -> None:
    appointment = visit(physician, office, hour=9)
    assert set_status(physician_client, appointment, Status.COMPLETED).status_code == 302
    appointment.refresh_from_db()
    assert appointment.status == Status.COMPLETED


def test_another_provider_cannot_complete_the_visit(physician_client, colleague, office) -> None:
    appointment = visit(colleague, office, hour=9)
    assert set_status(physician_client, appointment, Status.COMPLETED).status_code == 403
    appointment.refresh_from_db()
    assert appointment.status == Status.CHECKED_IN


def test_another_provider_cannot_mark_a_no_show(physician_client, colleague, office) -> None:
    appointment = visit(colleague, office, hour=9, status=Status.BOOKED)
    assert set_status(physician_client, appointment, Status.NO_SHOW).status_code == 403
    appointment.refresh_from_db()
    assert appointment.status == Status.BOOKED


def test_the_provider_of_record_marks_their_no_show(physician, physician_client, office) -> None:
    appointment = visit(physician, office, hour=9, status=Status.BOOKED)
    set_status(physician_client, appointment, Status.NO_SHOW)
    appointment.refresh_from_db()
    assert appointment.status == Status.NO_SHOW


def test_the_front_desk_closes_any_providers_visit(front_desk_client, colleague, office) -> None:
    appointment = visit(colleague, office, hour=9)
    set_status(front_desk_client, appointment, Status.COMPLETED)
    appointment.refresh_from_db()
    assert appointment.status == Status.COMPLETED


def test_a_provider_cannot_check_a_patient_in(physician, physician_client, office) -> None:
    appointment = visit(physician, office, hour=14, status=Status.BOOKED)
    assert set_status(physician_client, appointment, Status.CHECKED_IN).status_code == 403


def test_an_appointment_that_does_not_exist_answers_404(physician_client) -> None:
    assert set_status(physician_client, type("Gone", (), {"pk": 999999})(), Status.COMPLETED).status_code == 404


def test_a_physicians_day_view_shows_only_what_they_may_do(physician, physician_client, colleague, office) -> None:
    booked = visit(physician, office, hour=14, status=Status.BOOKED)
    mine = visit(physician, office, hour=9)
    theirs = visit(colleague, office, hour=10)
    page = physician_client.get(reverse("scheduling:office_day", args=[office.slug, DAY.isoformat()])).content.decode()
    row_of = {a.pk: page.split(f'id="appointment-{a.pk}"')[1].split("</tr>")[0] for a in (booked, mine, theirs)}
    assert "Cancel" not in row_of[booked.pk] and "Reschedule" not in row_of[booked.pk]
    assert "Check in" not in row_of[booked.pk]
    assert "Complete" in row_of[mine.pk]
    assert "Complete" not in row_of[theirs.pk]


def test_the_front_desk_day_view_keeps_every_button(front_desk_client, colleague, office) -> None:
    booked = visit(colleague, office, hour=14, status=Status.BOOKED)
    checked_in = visit(colleague, office, hour=9)
    page = front_desk_client.get(reverse("scheduling:office_day", args=[office.slug, DAY.isoformat()])).content.decode()
    row_of = {a.pk: page.split(f'id="appointment-{a.pk}"')[1].split("</tr>")[0] for a in (booked, checked_in)}
    assert all(label in row_of[booked.pk] for label in ("Check in", "Reschedule", "Cancel"))
    assert "Complete" in row_of[checked_in.pk]


def test_a_physician_asking_for_the_cancel_form_is_refused(physician, physician_client, office) -> None:
    appointment = visit(physician, office, hour=14, status=Status.BOOKED)
    url = reverse("scheduling:appointment_cancel", args=[appointment.pk])
    assert physician_client.get(url, headers={"HX-Request": "true"}).status_code == 403


def test_the_appointment_page_offers_no_show_to_its_provider_only(physician, colleague, office) -> None:
    appointment = visit(physician, office, hour=9, status=Status.BOOKED)
    url = appointment.get_absolute_url()
    assert "Mark no-show" in client_for(physician).get(url).content.decode()
    other = client_for(colleague).get(url).content.decode()
    assert "Mark no-show" not in other and ">Confirm<" not in other
