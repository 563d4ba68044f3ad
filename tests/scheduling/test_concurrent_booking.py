"""Under real concurrency on PostgreSQL, exactly one booking per provider, room and patient wins."""

import threading
import time

import pytest
from django.db import connection

from clinic.models import Room
from clinic.roles import Role
from scheduling.exceptions import BookingConflict
from scheduling.models import Appointment
from scheduling.services import book_appointment
from tests.factories import PatientFactory, RoomFactory, StaffFactory
from tests.factories.scheduling import appointment_type, clinic_day, open_every_day
from tests.helpers import requires_postgres
from tests.scheduling.conftest import COMMITTED, at

pytestmark = [pytest.mark.postgres, requires_postgres, COMMITTED]

THREADS = 60
# The load the booking page met in production: 200 desks at once on one provider.
BIG_RACE = 200
# A race that has not finished by then is hung (a lock never released), not slow.
RACE_SECONDS = 300


@pytest.fixture(autouse=True)
def _racers_queue_for_a_pooled_connection_as_long_as_the_race_may_run():
    """Two hundred racers share the process's pool of twenty connections, so most wait for one.
    On a loaded machine that wait passes the pool's ten-second timeout, which says nothing about
    the locking under test; here a racer waits as long as the race itself may run."""
    pool = connection.settings_dict["OPTIONS"].get("pool")
    if not isinstance(pool, dict):
        yield
        return
    connection.close()
    connection.close_pool()
    pool["timeout"], was = RACE_SECONDS, pool.get("timeout")
    try:
        yield
    finally:
        connection.close()
        connection.close_pool()
        pool["timeout"] = was


def race(attempts):
    """Run every attempt at once; return (winners, conflicts, other errors)."""
    barrier = threading.Barrier(len(attempts))
    won, conflicts, errors = [], [], []

    def run(attempt):
        try:
            barrier.wait()
            won.append(attempt())
        except BookingConflict as conflict:
            conflicts.append(conflict)
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(a,), daemon=True) for a in attempts]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + RACE_SECONDS
    for thread in threads:
        thread.join(timeout=max(0.0, deadline - time.monotonic()))
    assert not any(thread.is_alive() for thread in threads), "the race did not finish"
    return won, conflicts, errors


@pytest.mark.parametrize("desks", [THREADS, BIG_RACE])
def test_desks_racing_for_one_provider_at_overlapping_times_leave_one_booking_and_worded_conflicts(
    office, front_desk, in_three_days, desks
):
    """Deadlocks between the racers' inserts are retried; every loser hears why, none gets a 500."""
    _, provider, _ = clinic_day(office)
    rooms = [RoomFactory(office=office, kind=Room.Kind.ULTRASOUND) for _ in range(desks)]
    patients = [PatientFactory() for _ in range(desks)]
    duplex = appointment_type("duplex")

    def attempt(n):
        return lambda: book_appointment(
            patient=patients[n],
            appointment_type=duplex,
            office=office,
            start=at(in_three_days, 9, 5 * (n % 6)),
            provider=provider,
            room=rooms[n],
            by=front_desk,
        )

    won, conflicts, errors = race([attempt(n) for n in range(desks)])
    assert errors == []
    assert len(won) == 1
    assert len(conflicts) == desks - 1
    assert all(c.resource == "provider" and "already booked" in c.message for c in conflicts)
    assert Appointment.objects.filter(provider=provider).count() == 1


def test_sixty_desks_booking_one_room_leave_one_booking(office, front_desk, in_three_days):
    room = RoomFactory(office=office, kind=Room.Kind.ULTRASOUND)
    providers = [StaffFactory(role=Role.SONOGRAPHER, home_office=office, offices=[office]) for _ in range(THREADS)]
    for provider in providers:
        open_every_day(provider, office)
    duplex = appointment_type("duplex")

    def attempt(n):
        return lambda: book_appointment(
            patient=patients[n],
            appointment_type=duplex,
            office=office,
            start=at(in_three_days, 10, 5 * (n % 4)),
            provider=providers[n],
            room=room,
            by=front_desk,
        )

    patients = [PatientFactory() for _ in range(THREADS)]
    won, conflicts, errors = race([attempt(n) for n in range(THREADS)])
    assert not errors
    assert len(won) == 1
    assert {c.resource for c in conflicts} == {"room"}
    assert Appointment.objects.filter(room=room).count() == 1


def test_sixty_desks_booking_one_patient_leave_one_booking(office, front_desk, in_three_days):
    patient = PatientFactory()
    pairs = []
    for _ in range(THREADS):
        provider = StaffFactory(role=Role.SONOGRAPHER, home_office=office, offices=[office])
        open_every_day(provider, office)
        pairs.append((provider, RoomFactory(office=office, kind=Room.Kind.ULTRASOUND)))
    duplex = appointment_type("duplex")

    def attempt(n):
        provider, room = pairs[n]
        return lambda: book_appointment(
            patient=patient,
            appointment_type=duplex,
            office=office,
            start=at(in_three_days, 11, 5 * (n % 8)),
            provider=provider,
            room=room,
            by=front_desk,
        )

    won, conflicts, errors = race([attempt(n) for n in range(THREADS)])
    assert not errors
    assert len(won) == 1
    assert {c.resource for c in conflicts} == {"patient"}
    assert all("already" in c.message for c in conflicts)
    assert Appointment.objects.filter(patient=patient).count() == 1
