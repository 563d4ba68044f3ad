"""The slot search works with SQL logging on, as it is under DEBUG in `make run`."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from scheduling.services import book_appointment, next_slots
from tests.factories import PatientFactory
from tests.factories.scheduling import appointment_type

pytestmark = pytest.mark.django_db


def test_next_free_slot_skips_a_booked_time_while_queries_are_logged(front_desk, duplex_day) -> None:
    office, provider, room = duplex_day
    duplex = appointment_type("duplex")
    first = next_slots(appointment_type=duplex, offices=[office], limit=1)[0]
    book_appointment(patient=PatientFactory(), appointment_type=duplex, office=office, start=first.start, by=front_desk)
    with CaptureQueriesContext(connection) as logged:
        following = next_slots(appointment_type=duplex, offices=[office], limit=1)[0]
    assert following.start >= first.end
    assert all("%s" not in query["sql"] for query in logged.captured_queries)
