"""P6 (scale): the day view (P2), the slot search (P3), booking (P5), the patient chart (P7) and the
audit page (P8: first page and a page deep in one person's trail) at 10,000 appointments against the
same at 100,000 appointments, 10,000 patients and 1,000,000 audit entries (BENCH_FULL=1: 1,000,000,
100,000 and 10,000,000). Goal: each within 1.5 times its figure at 10,000.

The small practice is the scheduling benchmark's office (20 sonographers, 10 rooms, 5,000 bookings
in the searched fortnight, a day of 100 visits, a chart of 20 visits) filled up with past visits to
10,000 appointments, 1,000 patients and 100,000 audit entries. The large one is a copy of it
(CREATE DATABASE ... TEMPLATE) grown with more of the same past visits, in the same office, by the
same providers and rooms, for more patients, and more audit entries: every measured page reads the
same rows on both sides, only the tables around them are larger. The rows are seeded with
INSERT ... SELECT over generate_series (see bench.seeding), not the ORM; the time it takes is
printed and recorded.

The two databases are measured in turns (a few requests on one, then on the other, the first
after each switch not timed: it opens the connection), so a busy machine weighs on both alike.
"""

import gc
import os
import statistics
import time
from collections.abc import Callable, Iterator

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from bench import audit
from bench.scheduling import (
    BOOKED,
    Clinic,
    bench_check,
    book_one,
    booking_starts,
    chart_physician,
    day_view_day,
    p95,
    seed_chart,
    seed_day,
    signed_in,
)
from bench.seeding import clone, copy_database, exclusion_constraints_lifted, use_database
from clinic.models import AuditEntry
from clinic.roles import Role
from intake.models import Patient
from scheduling.models import Appointment

FULL = os.environ.get("BENCH_FULL") == "1"
SMALL = {"appointments": 10_000, "patients": 1_000, "audit": 100_000}
LARGE = (
    {"appointments": 1_000_000, "patients": 100_000, "audit": 10_000_000}
    if FULL
    else {"appointments": 100_000, "patients": 10_000, "audit": 1_000_000}
)
GOAL = 1.5
ROUNDS, PER_TURN = 8, 5  # 40 timed requests a side
BOOKING_ROUNDS, BOOKINGS_PER_TURN = 10, 30  # 300 timed bookings a side
AUDIT_ACTOR = 7
# SCALE_BENCH_KEEP=1 leaves the large database behind (<name>_large) for EXPLAIN.
KEEP = os.environ.get("SCALE_BENCH_KEEP") == "1"


def in_turns(sides: dict[str, tuple[str, Callable[[], object]]], rounds: int, per_turn: int) -> dict[str, list[float]]:
    """Time each side's action ``per_turn`` times on its database, side after side, ``rounds`` times
    (whichever side goes first swaps each round). After each switch one call is not timed."""
    samples: dict[str, list[float]] = {side: [] for side in sides}
    order = list(sides.items())
    gc.collect()
    gc.disable()
    try:
        for n in range(rounds):
            for side, (database, action) in order if n % 2 == 0 else order[::-1]:
                use_database(database)
                action()
                for _ in range(per_turn):
                    began = time.perf_counter()
                    action()
                    samples[side].append(time.perf_counter() - began)
    finally:
        gc.enable()
    return samples


def seed_patients(template: Patient, count: int) -> None:
    clone(
        Patient,
        template,
        {
            "first_name": "'Filler'",
            "last_name": "'Patient ' || g",
            "phone": "'+15036' || lpad((g %% 1000000)::text, 6, '0')",
        },
        "generate_series(1, %(n)s) AS g",
        {"n": count},
    )


def seed_past_visits(clinic: Clinic, template: Appointment, count: int) -> None:
    """``count`` past visits in the clinic's office, one every 15 minutes counting back from the
    earliest visit so far (ten minutes long, so none overlap), for the filler patients in turn."""
    origin = Appointment.objects.order_by("start").values_list("start", flat=True).first()
    first_patient, last_patient = filler_patients()
    clone(
        Appointment,
        template,
        {
            "patient_id": f"{first_patient} + (k %% {last_patient - first_patient + 1})",
            "provider_id": "(%(providers)s::int[])[1 + k %% cardinality(%(providers)s::int[])]",
            "room_id": "(%(rooms)s::int[])[1 + k %% cardinality(%(rooms)s::int[])]",
            "start": "%(origin)s - (k + 1) * interval '15 minutes'",
            "end": "%(origin)s - (k + 1) * interval '15 minutes' + interval '10 minutes'",
            "status": "CASE WHEN k %% 20 = 0 THEN 'no_show' WHEN k %% 20 = 1 THEN 'cancelled' ELSE 'completed' END",
            "cancel_reason": "CASE WHEN k %% 20 = 1 THEN 'Seeded' ELSE '' END",
        },
        "generate_series(%(first)s, %(last)s) AS k",
        {
            "providers": [p.pk for p in clinic.providers],
            "rooms": [r.pk for r in clinic.rooms],
            "origin": origin,
            "first": 0,
            "last": count - 1,
        },
    )


def filler_patients() -> tuple[int, int]:
    ids = Patient.objects.filter(first_name="Filler").order_by("pk").values_list("pk", flat=True)
    first, last, count = ids.first(), ids.last(), ids.count()
    assert last - first + 1 == count, "the filler patients' ids are not contiguous"
    return first, last


def analyze() -> None:
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def grow(clinic: Clinic, sizes: dict, actors: list[int], types: list[int]) -> None:
    """Fill the current database up to ``sizes`` with patients, past visits and audit entries."""
    template_patient = Patient.objects.filter(first_name="Filler").first() or clinic.patients[0]
    missing = sizes["patients"] - Patient.objects.count()
    if missing > 0:
        seed_patients(template_patient, missing)
    template = Appointment.objects.filter(office=clinic.office).order_by("pk").first()
    missing = sizes["appointments"] - Appointment.objects.count()
    if missing > 0:
        seed_past_visits(clinic, template, missing)
    seeded = AuditEntry.objects.filter(object_repr__startswith="Record ").count()
    missing = sizes["audit"] - AuditEntry.objects.count()
    if missing > 0:
        audit.seed(seeded + 1, seeded + missing, types=types, actors=actors)


def counts() -> dict:
    return {
        "appointments": Appointment.objects.count(),
        "patients": Patient.objects.count(),
        "audit": AuditEntry.objects.count(),
    }


def run(url: str) -> dict:
    small_db = connection.settings_dict["NAME"]
    large_db = f"{small_db}_large"
    began = time.perf_counter()
    clinic = Clinic("bench", bench_check())
    clinic.seed_busy(BOOKED)
    day = day_view_day(clinic)
    seed_day(clinic, day)
    physician = chart_physician(clinic)
    chart = seed_chart(clinic, physician)
    users = get_user_model()
    admin = users.objects.create(username="bench-audit-admin")
    admin.groups.add(Group.objects.get(name=Role.CLINIC_ADMIN.value))
    actors = [users.objects.create(username=f"bench-audit-{n}").pk for n in range(audit.ACTORS)]
    from auditlog.registry import auditlog

    types = [ct.pk for ct in ContentType.objects.get_for_models(*auditlog.get_models()).values()]
    grow(clinic, SMALL, actors, types)
    small_seed = time.perf_counter() - began
    small_counts = counts()
    print(f"  small: {small_counts} seeded in {small_seed:.0f} s", flush=True)

    began = time.perf_counter()
    copy_database(small_db, large_db)
    use_database(large_db)
    with exclusion_constraints_lifted():
        grow(clinic, LARGE, actors, types)
    large_seed = time.perf_counter() - began
    large_counts = counts()
    print(f"  large: {large_counts} seeded in another {large_seed:.0f} s", flush=True)
    for database in (small_db, large_db):
        use_database(database)
        analyze()

    # Signed in after the seeding, or the idle timeout would end the sessions while it runs.
    databases = {"small": small_db, "large": large_db}
    desk, doctor, auditor, trail = {}, {}, {}, {}
    for side, database in databases.items():
        use_database(database)
        desk[side] = signed_in(clinic.desk)
        doctor[side] = signed_in(physician)
        auditor[side] = signed_in(admin)
        trail[side] = audit.pages(actors[AUDIT_ACTOR])

    day_url = reverse("scheduling:office_day", kwargs={"slug": clinic.office.slug, "day": day.isoformat()})
    chart_url = reverse("patient_chart", args=[chart.pk])

    def get(client_by_side: dict, side: str, url: str, params: dict | None = None) -> Callable[[], None]:
        def action() -> None:
            response = client_by_side[side].get(url, params or {})
            assert response.status_code == 200, response.status_code

        return action

    def audit_page(side: str, which: int) -> Callable[[], None]:
        _, _, _, url, first_page, deep_page = trail[side]
        return get(auditor, side, url, (first_page, deep_page)[which])

    measured: dict[str, dict[str, float]] = {}

    def median_ms(key: str, actions: dict[str, Callable[[], object]]) -> None:
        sides = {side: (databases[side], action) for side, action in actions.items()}
        samples = in_turns(sides, ROUNDS, PER_TURN)
        measured[key] = {side: statistics.median(times) * 1000 for side, times in samples.items()}
        print(f"  {key}: {measured[key]}", flush=True)

    median_ms("P2", {side: get(desk, side, day_url) for side in databases})
    median_ms("P3", dict.fromkeys(databases, clinic.slot_search))
    median_ms("P7", {side: get(doctor, side, chart_url) for side in databases})
    median_ms("P8", {side: audit_page(side, 0) for side in databases})
    median_ms("P8d", {side: audit_page(side, 1) for side in databases})

    # P5: the same bookings, one after another, on each side.
    total = BOOKING_ROUNDS * (BOOKINGS_PER_TURN + 1)
    queues: dict[str, Iterator] = {side: iter(booking_starts(clinic, total)) for side in databases}

    def booking(side: str) -> Callable[[], None]:
        def action() -> None:
            start, n = next(queues[side])
            book_one(clinic, start, n)

        return action

    samples = in_turns(
        {side: (database, booking(side)) for side, database in databases.items()}, BOOKING_ROUNDS, BOOKINGS_PER_TURN
    )
    measured["P5"] = {side: p95(times) * 1000 for side, times in samples.items()}
    print(f"  P5: {measured['P5']}", flush=True)

    use_database(small_db)
    if not KEEP:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{large_db}" WITH (FORCE)')

    labels = {
        "P2": "office day view, 100 appointments (median)",
        "P3": "slot search, 20x10x14 days, 5,000 booked (median)",
        "P5": "booking (p95)",
        "P7": "patient chart, 20 visits, 200 findings (median)",
        "P8": "audit page, one person's first page (median)",
        "P8d": f"audit page, {trail['large'][1]:,} entries deep in that person's trail (median)",
    }
    size = f"{large_counts['appointments']:,}"
    print(f"\n{'':4} {'measured':<74} {size + ' ms':>13} {'10k ms':>8} {'ratio':>7} {'goal':>6}  met")
    ratios = {}
    for key, label in labels.items():
        small, large = measured[key]["small"], measured[key]["large"]
        ratio = large / small
        ratios[key] = {
            "ratio": round(ratio, 2),
            "goal": GOAL,
            "met": ratio <= GOAL,
            "small_ms": round(small, 2),
            "large_ms": round(large, 2),
        }
        met = "yes" if ratio <= GOAL else "NO"
        print(f"{key:4} {label:<74} {large:13.2f} {small:8.2f} {ratio:7.2f} {GOAL:6.1f}  {met}")
    print(f"     seeding: {small_seed:.0f} s for the small practice, {large_seed:.0f} s more for the large")
    # The full size keeps a key of its own, so a default run does not overwrite its figures.
    return {
        "P6scale_full" if FULL else "P6scale": {
            "goal": GOAL,
            "met": all(r["met"] for r in ratios.values()),
            "ratios": ratios,
            "rows": {"small": small_counts, "large": large_counts},
            "audit_deep_page_depth": {"small": trail["small"][1], "large": trail["large"][1]},
            "seed_seconds": {"small": round(small_seed), "large": round(large_seed)},
            "full": FULL,
            "measured_at": timezone.now().date().isoformat(),
        }
    }
