"""The appointment page offers what its status allows, shows its details once, and every way
out of a cancel or a move leaves the appointment as it was."""

import datetime

import pytest
from django.utils import timezone

from scheduling.models import Status
from tests.factories.scheduling import AppointmentFactory, clinic_day
from tests.scheduling.conftest import at

pytestmark = pytest.mark.django_db


def actions(client, appointment) -> str:
    page = client.get(f"/appointments/{appointment.pk}/").content.decode()
    return page.split('data-testid="actions"')[1].split("</div>")[0] if 'data-testid="actions"' in page else ""


def test_a_booked_visit_offers_confirm_check_in_reschedule_no_show_and_cancel(front_desk_client):
    offered = actions(front_desk_client, AppointmentFactory())
    for label in (">Confirm<", ">Check in<", ">Reschedule<", ">Mark no-show<", ">Cancel&hellip;<"):
        assert label in offered
    assert ">Complete<" not in offered


def test_a_checked_in_visit_offers_complete_and_cancel_but_not_a_move(front_desk_client):
    offered = actions(front_desk_client, AppointmentFactory(status=Status.CHECKED_IN))
    assert ">Complete<" in offered and ">Cancel&hellip;<" in offered
    assert ">Reschedule<" not in offered and ">Check in<" not in offered and "no-show" not in offered


def test_a_cancelled_visit_offers_nothing(front_desk_client):
    appointment = AppointmentFactory(status=Status.CANCELLED, cancel_reason="Patient ill")
    assert actions(front_desk_client, appointment) == ""


def test_the_page_has_no_open_cancel_form_and_shows_the_patient_once(front_desk_client):
    appointment = AppointmentFactory()
    page = front_desk_client.get(f"/appointments/{appointment.pk}/").content.decode()
    assert "Reason for cancelling" not in page
    assert page.count(appointment.patient.full_name) == 1


def test_cancelling_asks_first_and_the_desk_can_keep_the_appointment(front_desk_client):
    appointment = AppointmentFactory()
    page = front_desk_client.get(f"/appointments/{appointment.pk}/cancel/").content.decode()
    assert "Reason for cancelling" in page
    assert f'href="/appointments/{appointment.pk}/">Keep the appointment</a>' in page
    appointment.refresh_from_db()
    assert appointment.status == Status.BOOKED


def test_keep_in_the_calendar_row_puts_the_row_back_without_cancelling(front_desk_client):
    appointment = AppointmentFactory()
    row = front_desk_client.get(f"/appointments/{appointment.pk}/cancel/?keep=1", HTTP_HX_REQUEST="true")
    assert "Reason for cancelling" not in row.content.decode()
    appointment.refresh_from_db()
    assert appointment.status == Status.BOOKED


def test_rescheduling_never_offers_the_appointments_own_time(front_desk_client, office):
    office, provider, room = clinic_day(office)
    day = timezone.localdate() + datetime.timedelta(days=2)
    appointment = AppointmentFactory(office=office, provider=provider, room=room, start=at(day, 8))
    page = front_desk_client.get(
        "/scheduling/slots/",
        {"appointment": appointment.pk, "office": office.slug, "first_day": day.isoformat(), "days": 1},
    ).content.decode()
    own = f"start={appointment.start.isoformat()}".replace("+", "%2B").replace(":", "%3A")
    assert 'data-testid="slot"' in page
    assert own not in page


def test_choosing_a_new_time_asks_before_moving(front_desk_client, office):
    office, provider, room = clinic_day(office)
    day = timezone.localdate() + datetime.timedelta(days=2)
    appointment = AppointmentFactory(office=office, provider=provider, room=room, start=at(day, 8))
    new = at(day, 13)
    target = {"office": office.slug, "start": new.isoformat(), "provider": provider.pk, "room": room.pk}
    page = front_desk_client.get(f"/appointments/{appointment.pk}/reschedule/", target).content.decode()
    assert "Move it" in page and "Keep the current time" in page
    appointment.refresh_from_db()
    assert appointment.start == at(day, 8)

    front_desk_client.post(f"/appointments/{appointment.pk}/reschedule/", target)
    appointment.refresh_from_db()
    assert appointment.start == new
