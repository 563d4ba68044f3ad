"""Whatever the desk does, in any order, no provider, room or patient is ever double-booked."""

import contextlib
import datetime

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from clinic.models import Room
from clinic.roles import Role
from scheduling.exceptions import BookingError
from scheduling.models import ACTIVE_STATUSES, Appointment
from scheduling.services import book_appointment, cancel_appointment, reschedule_appointment
from tests.factories import OfficeFactory, PatientFactory, RoomFactory, StaffFactory, UserFactory
from tests.factories.scheduling import appointment_type, open_every_day
from tests.scheduling.conftest import at

pytestmark = pytest.mark.django_db


def overlaps(office) -> list[tuple[str, int, int]]:
    rows = list(
        Appointment.objects.filter(office=office, status__in=ACTIVE_STATUSES).values_list(
            "pk", "provider_id", "room_id", "patient_id", "start", "end"
        )
    )
    found = []
    for i, a in enumerate(rows):
        for b in rows[i + 1 :]:
            if a[4] < b[5] and b[4] < a[5]:
                for index, name in ((1, "provider"), (2, "room"), (3, "patient")):
                    if a[index] == b[index]:
                        found.append((name, a[0], b[0]))
    return found


class Desk(RuleBasedStateMachine):
    @initialize()
    def clinic(self):
        self.day = datetime.date.today() + datetime.timedelta(days=4)
        self.office = OfficeFactory()
        self.desk = UserFactory(role=Role.FRONT_DESK)
        self.providers = [
            StaffFactory(role=Role.SONOGRAPHER, home_office=self.office, offices=[self.office]) for _ in range(2)
        ]
        for provider in self.providers:
            open_every_day(provider, self.office)
        self.rooms = [RoomFactory(office=self.office, kind=Room.Kind.ULTRASOUND) for _ in range(2)]
        self.patients = [PatientFactory() for _ in range(3)]
        self.duplex = appointment_type("duplex")

    @rule(p=st.integers(0, 2), v=st.integers(0, 1), r=st.one_of(st.none(), st.integers(0, 1)), slot=st.integers(0, 20))
    def book(self, p, v, r, slot):
        with contextlib.suppress(BookingError):
            book_appointment(
                patient=self.patients[p],
                appointment_type=self.duplex,
                office=self.office,
                start=at(self.day, 8) + datetime.timedelta(minutes=15 * slot),
                provider=self.providers[v],
                room=None if r is None else self.rooms[r],
                by=self.desk,
            )

    @rule(pick=st.integers(0, 50), slot=st.integers(0, 20), v=st.integers(0, 1))
    def move(self, pick, slot, v):
        active = list(Appointment.objects.filter(office=self.office, status__in=["booked", "confirmed"]).order_by("pk"))
        if not active:
            return
        with contextlib.suppress(BookingError):
            reschedule_appointment(
                appointment=active[pick % len(active)],
                start=at(self.day, 8) + datetime.timedelta(minutes=15 * slot),
                provider=self.providers[v],
                by=self.desk,
            )

    @rule(pick=st.integers(0, 50))
    def cancel(self, pick):
        active = list(Appointment.objects.filter(office=self.office, status__in=["booked", "confirmed"]).order_by("pk"))
        if active:
            cancel_appointment(appointment=active[pick % len(active)], reason="Patient asked", by=self.desk)

    @invariant()
    def nobody_is_in_two_places(self):
        if hasattr(self, "office"):
            assert overlaps(self.office) == []


Desk.TestCase.settings = settings(
    max_examples=25, stateful_step_count=15, deadline=None, suppress_health_check=list(HealthCheck)
)


def test_random_bookings_moves_and_cancellations_never_overlap():
    # Each example builds its own office, people and rooms, so examples cannot interfere.
    Desk.TestCase("runTest").runTest()
