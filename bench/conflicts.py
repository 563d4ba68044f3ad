"""P6: what a losing desk waits for its conflict answer under a 50-way race.

Fifty desks book the same provider at the same moment (each with its own room and
patient): one wins, 49 get a BookingConflict worded with the next free times. The
figure is the median time from the start signal to a loser's answer, against the
median of the same fifty threads each running the slot search the answer includes
(the next 3 times within 7 days), side by side in the same office, so the thread
and connection-pool contention of fifty at once is on both sides. The answer's
search runs after the booking transaction, holding no lock, so the goal is that a
conflict costs about what a slot search costs.
"""

import datetime
import statistics
import threading
import time
from collections.abc import Callable

from django.core.management import call_command
from django.db import connection

from bench.scheduling import BOOKED, DAYS, Clinic
from clinic.roles import sync_role_groups
from scheduling.exceptions import BookingConflict
from scheduling.models import AppointmentType
from scheduling.services import book_appointment, next_slots
from scheduling.services.booking import ALTERNATIVE_DAYS, ALTERNATIVES

GOAL = 2.0
RACERS = 50
ROUNDS = 6


def all_at_once(action: Callable[[int], object]) -> tuple[list[float], list[object]]:
    """Run ``action(n)`` in RACERS threads released together; each one's seconds and outcome."""
    barrier = threading.Barrier(RACERS + 1)
    seconds: list[float] = [0.0] * RACERS
    outcomes: list[object] = [None] * RACERS
    released = [0.0]

    def run(n: int) -> None:
        try:
            barrier.wait()
            try:
                outcomes[n] = action(n)
            except Exception as error:
                outcomes[n] = error
            seconds[n] = time.perf_counter() - released[0]
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(RACERS)]
    for thread in threads:
        thread.start()
    released[0] = time.perf_counter()
    barrier.wait()
    for thread in threads:
        thread.join()
    return seconds, outcomes


def run(url: str) -> dict:
    call_command("migrate", verbosity=0)
    sync_role_groups()
    check, _ = AppointmentType.objects.get_or_create(
        code="bench_check",
        defaults={"name": "Bench check", "duration_minutes": 5, "provider_role": "sonographer",
                  "room_kind": "ultrasound"},
    )  # fmt: skip
    clinic = Clinic("bench-race", check)
    clinic.seed_busy(BOOKED)
    zone = clinic.office.zone
    # Beyond the seeded days, so every round's time is free until the race for it.
    first = clinic.first_day + datetime.timedelta(days=DAYS + 1)
    losers: list[float] = []
    searches: list[float] = []
    conflicts = 0
    for round_ in range(ROUNDS):
        start = datetime.datetime.combine(first + datetime.timedelta(days=round_), datetime.time(9), tzinfo=zone)

        def book(n: int, start: datetime.datetime = start) -> object:
            return book_appointment(
                patient=clinic.patients[n],
                appointment_type=clinic.duplex,
                office=clinic.office,
                start=start,
                provider=clinic.providers[0],
                room=clinic.rooms[n % len(clinic.rooms)],
                by=clinic.desk,
            )

        def search(n: int, start: datetime.datetime = start) -> object:
            return next_slots(
                appointment_type=clinic.duplex,
                after=start,
                offices=[clinic.office],
                patient=clinic.patients[n],
                limit=ALTERNATIVES,
                days=ALTERNATIVE_DAYS,
            )

        sides = [("race", book), ("search", search)]
        for side, action in sides if round_ % 2 == 0 else sides[::-1]:
            seconds, outcomes = all_at_once(action)
            if side == "race":
                lost = [s for s, o in zip(seconds, outcomes, strict=True) if isinstance(o, BookingConflict)]
                errors = [o for o in outcomes if isinstance(o, Exception) and not isinstance(o, BookingConflict)]
                assert not errors, errors[:3]
                assert len(lost) == RACERS - 1, f"{len(lost)} conflicts in a {RACERS}-way race"
                losers += lost
                conflicts += len(lost)
            else:
                searches += seconds
    ours, base = statistics.median(losers), statistics.median(searches)
    ratio = ours / base
    print(
        f"\nP6   conflict answer under a {RACERS}-way race, median of {conflicts} losers: {ours * 1000:.1f} ms; "
        f"the same {RACERS} threads' slot search (next {ALTERNATIVES} within {ALTERNATIVE_DAYS} days): "
        f"{base * 1000:.1f} ms; ratio {ratio:.2f} (goal {GOAL})"
    )
    print(f"     loser p95 {statistics.quantiles(losers, n=20)[-1] * 1000:.1f} ms, max {max(losers) * 1000:.1f} ms")
    return {
        "P6": {
            "ratio": round(ratio, 2),
            "goal": GOAL,
            "met": ratio <= GOAL,
            "racers": RACERS,
            "losers_median_ms": round(ours * 1000, 1),
            "losers_p95_ms": round(statistics.quantiles(losers, n=20)[-1] * 1000, 1),
            "slot_search_median_ms": round(base * 1000, 1),
        }
    }
