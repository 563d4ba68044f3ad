"""The calendar pages cost the same number of queries for 1 appointment as for 200."""

import datetime

import pytest
from django.utils import timezone

from clinic.models import Room
from tests.factories import PatientFactory, RoomFactory
from tests.factories.scheduling import AppointmentFactory, WaitlistEntryFactory, sonographer_at
from tests.scheduling.conftest import at

pytestmark = pytest.mark.django_db


def count_queries(action) -> int:
    """Queries other than the access-log insert, which SQLite splits into batches of 999
    parameters (one statement on PostgreSQL); the audit test checks that insert on its own."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        action()
    return sum(1 for q in captured if not q["sql"].startswith('INSERT INTO "clinic_auditentry"'))


def fill(office, day, how_many):
    providers = [sonographer_at(office) for _ in range(10)]
    rooms = [RoomFactory(office=office, kind=Room.Kind.ULTRASOUND) for _ in range(10)]
    for n in range(how_many):
        slot, column = divmod(n, 10)
        start = at(day, 6) + datetime.timedelta(minutes=5 * slot)
        AppointmentFactory(
            office=office,
            provider=providers[column],
            room=rooms[column],
            start=start,
            end=start + datetime.timedelta(minutes=5),
        )


@pytest.mark.parametrize("by", ["provider", "room"])
def test_office_day_queries_do_not_grow_with_appointments(front_desk_client, office, by):
    day = timezone.localdate() + datetime.timedelta(days=5)
    url = f"/calendar/{office.slug}/{day.isoformat()}/?by={by}"
    fill(office, day, 1)
    few = count_queries(lambda: front_desk_client.get(url))
    fill(office, day, 199)
    many = count_queries(lambda: front_desk_client.get(url))
    assert front_desk_client.get(url).content.decode().count('id="appointment-') == 200
    assert many == few


def test_provider_week_queries_do_not_grow_with_appointments(front_desk_client, office):
    provider = sonographer_at(office)
    monday = timezone.localdate() + datetime.timedelta(days=7 - timezone.localdate().weekday())
    url = f"/calendar/providers/{provider.pk}/week/{monday.isoformat()}/"
    room = RoomFactory(office=office, kind=Room.Kind.ULTRASOUND)

    def add(count, offset):
        for n in range(count):
            start = at(monday + datetime.timedelta(days=n % 7), 7) + datetime.timedelta(minutes=5 * (offset + n // 7))
            AppointmentFactory(
                office=office, provider=provider, room=room, start=start, end=start + datetime.timedelta(minutes=5)
            )

    add(1, 0)
    few = count_queries(lambda: front_desk_client.get(url))
    add(199, 1)
    assert count_queries(lambda: front_desk_client.get(url)) == few


def test_waitlist_queries_do_not_grow_with_entries(front_desk_client):
    WaitlistEntryFactory()
    few = count_queries(lambda: front_desk_client.get("/scheduling/waitlist/"))
    for _ in range(199):
        WaitlistEntryFactory(patient=PatientFactory())
    assert count_queries(lambda: front_desk_client.get("/scheduling/waitlist/")) == few
