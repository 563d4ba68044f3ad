"""Requests to move a visit, from the portal and from reminder links, wait in one desk queue."""

import datetime

import pytest
from django.utils import timezone

from scheduling.models import BookingRequest, RescheduleRequest
from tests.factories import PatientFactory
from tests.factories.portal import BookingRequestFactory
from tests.factories.scheduling import AppointmentFactory
from tests.scheduling.test_calendar_query_counts import count_queries

pytestmark = pytest.mark.django_db

URL = "/scheduling/reschedule-requests/"


def portal_move(first_name: str) -> BookingRequest:
    appointment = AppointmentFactory(patient=PatientFactory(first_name=first_name))
    return BookingRequestFactory(
        kind=BookingRequest.Kind.RESCHEDULE,
        patient=appointment.patient,
        appointment=appointment,
        office=appointment.office,
        appointment_type=appointment.appointment_type,
    )


def link_move(first_name: str) -> RescheduleRequest:
    return RescheduleRequest.objects.create(
        appointment=AppointmentFactory(patient=PatientFactory(first_name=first_name))
    )


def test_portal_and_reminder_link_requests_are_in_one_queue_oldest_first(front_desk_client, clock):
    portal = portal_move("Paloma")
    clock.move_to(timezone.now() + datetime.timedelta(minutes=5))
    link = link_move("Lidia")
    page = front_desk_client.get(URL).content.decode()
    assert page.index("Paloma") < page.index("Lidia")
    assert f'id="portal-{portal.pk}"' in page and f'id="link-{link.pk}"' in page
    assert "Approve and move" in page and "Find a new time" in page


def test_the_other_pages_send_the_desk_to_the_queue_instead_of_listing_moves(front_desk_client):
    portal_move("Paloma")
    link_move("Lidia")
    portal_page = front_desk_client.get("/portal/desk/requests/").content.decode()
    reminders_page = front_desk_client.get("/scheduling/reminders/attention/").content.decode()
    assert "Paloma" not in portal_page and URL in portal_page
    assert "Lidia" not in reminders_page and URL in reminders_page


def test_declining_from_the_queue_comes_back_to_the_queue(front_desk_client):
    request = portal_move("Paloma")
    response = front_desk_client.post(
        f"/portal/desk/requests/{request.pk}/", {"decision": "decline", "reason": "Fully booked", "next": URL}
    )
    assert response["Location"] == URL
    request.refresh_from_db()
    assert request.status == BookingRequest.Status.DECLINED
    assert "Paloma" not in front_desk_client.get(URL).content.decode()


def test_the_queue_costs_the_same_queries_for_two_requests_as_for_forty(front_desk_client):
    portal_move("A")
    link_move("B")
    few = count_queries(lambda: front_desk_client.get(URL))
    for n in range(20):
        portal_move(f"P{n}")
        link_move(f"L{n}")
    assert count_queries(lambda: front_desk_client.get(URL)) == few
