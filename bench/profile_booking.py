"""Where a booking's time goes (P5's `book_appointment`): every statement one booking sends,
BEGIN and COMMIT included (Django's execute_wrapper does not see those two), the time spent
waiting on PostgreSQL against the time in Python, and cProfile's top lines. Seeded as P5 is
(bench.scheduling.Clinic with 5,000 booked). Not part of `make bench`; run it on the bench's
scratch database:

    BENCH_DATABASE_NAME=... python -m bench.profile_booking [top-lines]

Each statement is a round trip (about 0.2-0.5 ms on the shared two-core machine); P5's raw
side is one autocommit INSERT, so a booking's count of round trips is most of its ratio.
"""

import cProfile
import pstats
import statistics
import sys
import time

REPEAT = 200


def main() -> None:
    from bench.__main__ import start_django

    start_django()
    import psycopg
    from django.db import connection

    from bench.scheduling import BOOKED, Clinic, bench_check, book_one, booking_starts

    top = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    clinic = Clinic("profile", bench_check())
    clinic.seed_busy(BOOKED)
    starts = iter(booking_starts(clinic, 3 * REPEAT + 20))

    def book() -> None:
        book_one(clinic, *next(starts))

    for _ in range(10):
        book()

    # One booking's statements, as PostgreSQL receives them.
    statements: list[str] = []
    send_command = psycopg.Connection._exec_command

    def command(self, sql, *args, **kwargs):
        statements.append(sql.decode() if isinstance(sql, bytes) else str(sql))
        return send_command(self, sql, *args, **kwargs)

    def query(execute, sql, params, many, context):
        try:
            return execute(sql, params, many, context)
        finally:
            # After it ran: psycopg sends a transaction's BEGIN inside its first execute.
            statements.append(sql)

    psycopg.Connection._exec_command = command
    try:
        with connection.execute_wrapper(query):
            book()
    finally:
        psycopg.Connection._exec_command = send_command
    print(f"\n==== one booking: {len(statements)} statements")
    for sql in statements:
        print("   ", sql[:200])

    # Waiting on PostgreSQL (each round trip, commit included) against the rest, per booking.
    waited = [0.0]
    wait = psycopg.Connection.wait

    def timed_wait(self, gen, *args, **kwargs):
        began = time.perf_counter()
        try:
            return wait(self, gen, *args, **kwargs)
        finally:
            waited[0] += time.perf_counter() - began

    psycopg.Connection.wait = timed_wait
    totals, waits = [], []
    try:
        for _ in range(REPEAT):
            waited[0] = 0.0
            began = time.perf_counter()
            book()
            totals.append(time.perf_counter() - began)
            waits.append(waited[0])
    finally:
        psycopg.Connection.wait = wait
    ms = 1000
    python = [t - w for t, w in zip(totals, waits, strict=True)]
    print(
        f"\n==== {REPEAT} bookings: median {statistics.median(totals) * ms:.2f} ms, "
        f"p95 {statistics.quantiles(totals, n=20)[-1] * ms:.2f} ms; waiting on PostgreSQL "
        f"{statistics.median(waits) * ms:.2f} ms, Python {statistics.median(python) * ms:.2f} ms (medians)"
    )

    profile = cProfile.Profile()
    profile.enable()
    for _ in range(REPEAT):
        book()
    profile.disable()
    stats = pstats.Stats(profile)
    stats.sort_stats("cumulative").print_stats(r"/work/[^/]+/(?!\.venv)", top)
    stats.sort_stats("tottime").print_stats(top // 2)


if __name__ == "__main__":
    main()
