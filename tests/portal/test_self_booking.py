"""Patients book the visits an office allows: instantly, or as a request the desk approves."""

import pytest
from django.core import mail

from scheduling.models import Appointment, BookingRequest, SelfBookingMode, Status
from scheduling.models.self_booking import OfficeBookingPolicy
from tests.conftest import client_for
from tests.factories import PatientFactory
from tests.factories.portal import BookingRequestFactory
from tests.factories.scheduling import AppointmentFactory, appointment_type
from tests.portal.conftest import free_start

pytestmark = pytest.mark.django_db


def book(client, office, start, note: str = "", code: str = "new_consult"):
    return client.post(
        "/portal/book/confirm/", {"office": office.slug, "type": code, "start": start.isoformat(), "note": note}
    )


def test_the_booking_page_lists_free_times_for_the_chosen_visit(my_client, consult_day) -> None:
    office = consult_day[0]
    page = my_client.get("/portal/book/", {"office": office.slug, "type": "new_consult"}).content.decode()
    assert 'data-testid="slot"' in page
    assert "/portal/book/confirm/?office=" in page


def test_an_instant_office_books_at_once(my_client, me, consult_day) -> None:
    office = consult_day[0]
    response = book(my_client, office, free_start(office), note="Wheelchair access")
    appointment = Appointment.objects.get(patient=me[1])
    assert response["Location"] == f"/portal/appointments/{appointment.pk}/"
    assert appointment.appointment_type.code == "new_consult"
    assert appointment.booked_by == me[0]


def test_a_time_just_taken_gets_a_clear_message_alternatives_and_keeps_the_note(my_client, consult_day) -> None:
    office, physician, room = consult_day
    start = free_start(office)
    AppointmentFactory(
        office=office, provider=physician, room=room, appointment_type=appointment_type("new_consult"), start=start
    )
    response = book(my_client, office, start, note="Please call my daughter")
    page = response.content.decode()
    assert response.status_code == 200
    assert "that time has just been taken" in page
    assert "Please call my daughter" in page
    assert 'data-testid="alternatives"' in page


def test_a_visit_the_office_does_not_offer_online_is_refused(my_client, consult_day) -> None:
    response = book(my_client, consult_day[0], free_start(consult_day[0]), code="rfa")
    assert response.status_code == 302 and response["Location"] == "/portal/book/"
    assert not Appointment.objects.exists()


def test_a_request_office_holds_the_choice_for_the_desk(my_client, me, consult_day) -> None:
    office = consult_day[0]
    OfficeBookingPolicy.objects.filter(office=office).update(mode=SelfBookingMode.REQUEST)
    book(my_client, office, free_start(office))
    assert not Appointment.objects.exists()
    request = BookingRequest.objects.get(patient=me[1])
    assert request.is_pending


def test_desk_approves_a_request_and_the_patient_is_told(front_desk, me, consult_day) -> None:
    office = consult_day[0]
    me[1].email_consent = True
    me[1].save()
    request = BookingRequestFactory(patient=me[1], office=office, start=free_start(office))
    client_for(front_desk).post(f"/portal/desk/requests/{request.pk}/", {"decision": "approve"})
    request.refresh_from_db()
    assert request.status == BookingRequest.Status.APPROVED
    assert request.appointment.status == Status.BOOKED
    assert len(mail.outbox) == 1


def test_desk_declines_with_a_reason_the_patient_reads(front_desk, my_client, me, consult_day) -> None:
    request = BookingRequestFactory(patient=me[1], office=consult_day[0], start=free_start(consult_day[0]))
    client_for(front_desk).post(
        f"/portal/desk/requests/{request.pk}/", {"decision": "decline", "reason": "Dr. Lee is away; try Tuesday"}
    )
    assert "Dr. Lee is away; try Tuesday" in my_client.get("/portal/").content.decode()


def test_declining_without_a_reason_is_refused(front_desk, consult_day) -> None:
    request = BookingRequestFactory(office=consult_day[0], start=free_start(consult_day[0]))
    client_for(front_desk).post(f"/portal/desk/requests/{request.pk}/", {"decision": "decline", "reason": " "})
    request.refresh_from_db()
    assert request.is_pending


def test_asking_to_move_leaves_the_visit_booked_until_the_desk_approves(front_desk, my_client, me, consult_day) -> None:
    office, physician, room = consult_day
    appointment = AppointmentFactory(
        patient=me[1],
        office=office,
        provider=physician,
        room=room,
        appointment_type=appointment_type("new_consult"),
        start=free_start(office, days=2),
    )
    new_start = free_start(office, days=4, hour=11)
    my_client.post(f"/portal/appointments/{appointment.pk}/move/", {"start": new_start.isoformat(), "note": ""})
    request = BookingRequest.objects.get(appointment=appointment, kind=BookingRequest.Kind.RESCHEDULE)
    appointment.refresh_from_db()
    assert appointment.start != new_start
    client_for(front_desk).post(f"/portal/desk/requests/{request.pk}/", {"decision": "approve"})
    appointment.refresh_from_db()
    assert appointment.start == new_start


def test_the_desk_queue_lists_waiting_requests(front_desk, consult_day) -> None:
    patient = PatientFactory(last_name="Okafor")
    BookingRequestFactory(patient=patient, office=consult_day[0])
    assert "Okafor" in client_for(front_desk).get("/portal/desk/requests/").content.decode()
