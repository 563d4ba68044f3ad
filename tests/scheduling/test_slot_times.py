"""The slot finder offers only times the booking service accepts, whatever the clock says."""

import datetime

import pytest

from scheduling.services import book_appointment, next_slots
from tests.clock import SUITE_NOW
from tests.factories import PatientFactory
from tests.factories.scheduling import appointment_type

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("past_the_mark", [datetime.timedelta(0), datetime.timedelta(milliseconds=50)])
def test_a_slot_on_the_current_five_minute_mark_is_not_offered(clock, front_desk, duplex_day, past_the_mark) -> None:
    office, _provider, _room = duplex_day
    on_the_mark = SUITE_NOW.replace(minute=30, second=0, microsecond=0) + past_the_mark
    clock.move_to(on_the_mark, tick=False)
    (first,) = next_slots(appointment_type=appointment_type("duplex"), offices=[office], limit=1)
    assert first.start > on_the_mark
    booked = book_appointment(
        patient=PatientFactory(), appointment_type=appointment_type("duplex"), office=office, start=first.start,
        by=front_desk,
    )  # fmt: skip
    assert booked.start == first.start
