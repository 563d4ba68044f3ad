"""The desk moves around the calendar by office and date, and sees every office's day at once."""

import datetime

import pytest
from django.utils import timezone

from scheduling.models import AvailabilityException, Status
from tests.factories import OfficeFactory
from tests.factories.scheduling import AppointmentFactory, RoomFactory, open_every_day, sonographer_at
from tests.scheduling.conftest import at
from tests.scheduling.test_calendar_query_counts import count_queries

pytestmark = pytest.mark.django_db


def test_the_pickers_take_the_desk_to_the_chosen_office_and_day(front_desk_client):
    danville = OfficeFactory(name="Walnut Creek")
    response = front_desk_client.get("/calendar/", {"office": danville.slug, "day": "2030-06-07"})
    assert response.status_code == 302
    assert response["Location"] == f"/calendar/{danville.slug}/2030-06-07/"


def test_no_office_chosen_opens_the_all_offices_overview(front_desk_client):
    response = front_desk_client.get("/calendar/", {"office": "", "day": "2030-06-07"})
    assert response["Location"] == "/calendar/offices/2030-06-07/"


def test_an_unreadable_pick_falls_back_to_the_home_office_today(front_desk_client, office):
    response = front_desk_client.get("/calendar/", {"office": "nowhere", "day": "someday"})
    assert response["Location"] == f"/calendar/{office.slug}/{timezone.localdate().isoformat()}/"


def test_the_day_view_offers_labelled_pickers_and_today(front_desk_client, office):
    day = timezone.localdate() + datetime.timedelta(days=3)
    page = front_desk_client.get(f"/calendar/{office.slug}/{day.isoformat()}/").content.decode()
    assert '<label class="form-label small mb-0" for="id_office">Office</label>' in page
    assert 'for="id_day">Date</label>' in page
    assert f'value="{day.isoformat()}"' in page
    assert f'href="/calendar/{office.slug}/{timezone.localdate().isoformat()}/?by=provider"' in page
    assert ">Today</a>" in page
    assert f'href="/calendar/offices/{day.isoformat()}/"' in page


def test_the_day_view_says_the_office_is_closed(front_desk_client, office):
    day = timezone.localdate() + datetime.timedelta(days=3)
    AvailabilityException.objects.create(kind="office_closed", office=office, date=day, end_date=day, note="Flooding")
    page = front_desk_client.get(f"/calendar/{office.slug}/{day.isoformat()}/").content.decode()
    assert "Office closed" in page and "Flooding" in page


def test_the_overview_counts_providers_bookings_free_hours_and_cancellations(front_desk_client, office):
    day = timezone.localdate() + datetime.timedelta(days=7 - timezone.localdate().weekday())  # next Monday
    provider = sonographer_at(office)
    open_every_day(provider, office)  # 08:00-17:00
    room = RoomFactory(office=office)
    AppointmentFactory(office=office, provider=provider, room=room, start=at(day, 9), end=at(day, 10))
    AppointmentFactory(
        office=office,
        provider=provider,
        room=room,
        start=at(day, 11),
        end=at(day, 12),
        status=Status.CANCELLED,
        cancel_reason="Patient ill",
    )
    quiet = OfficeFactory(name="Quiet office")
    page = front_desk_client.get(f"/calendar/offices/{day.isoformat()}/").content.decode()
    cells = overview_cells(page, office)
    assert cells == ["1", "1", "8", "1"]
    assert overview_cells(page, quiet) == ["0", "0", "0", "0"]


def overview_cells(page: str, office) -> list[str]:
    """Providers working, booked, free hours, cancellations: the numbers in the office's row."""
    row = page.split(f'id="office-{office.slug}"')[1].split("</tr>")[0]
    return [cell.split(">", 1)[1].split("<")[0] for cell in row.split('<td class="text-end"')[1:]]


def test_the_overview_costs_the_same_queries_for_two_offices_as_for_twelve(front_desk_client, office):
    day = timezone.localdate() + datetime.timedelta(days=2)
    url = f"/calendar/offices/{day.isoformat()}/"
    open_every_day(sonographer_at(office), office)
    few = count_queries(lambda: front_desk_client.get(url))
    for _ in range(10):
        other = OfficeFactory()
        provider = sonographer_at(other)
        open_every_day(provider, other)
        AppointmentFactory(office=other, provider=provider, room=RoomFactory(office=other), start=at(day, 9))
    assert count_queries(lambda: front_desk_client.get(url)) == few
