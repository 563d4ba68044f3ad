"""Where a page's time goes: cProfile of the bare view P2f compares the home page with, the front
desk's home page and the office day view (100 visits, and a day with none), through the full
middleware stack with a signed-in session past the second factor. Not part of
`make bench`; run it on the bench's scratch database:

    BENCH_DATABASE_NAME=... python -m bench.profile_pages [top-lines [page-name-words...]]
"""

import cProfile
import datetime
import pstats
import statistics
import sys
import time


def main() -> None:
    from bench.__main__ import start_django

    start_django()
    from django.db import connection
    from django.test.utils import override_settings
    from django.urls import reverse

    from bench.scheduling import DAYS, Clinic, bench_check, seed_day, signed_in

    clinic = Clinic("profile", bench_check())
    day = clinic.first_day + datetime.timedelta(days=DAYS + 7)
    seed_day(clinic, day)
    client = signed_in(clinic.desk)
    override_settings(ROOT_URLCONF="bench.urls").enable()
    pages = {
        "bare view": reverse("bench_bare"),
        "home": reverse("home"),
        "day view, 100 visits": reverse("scheduling:office_day", kwargs={"slug": clinic.office.slug, "day": day}),
        "day view, empty": reverse(
            "scheduling:office_day", kwargs={"slug": clinic.office.slug, "day": day + datetime.timedelta(days=1)}
        ),
    }
    top = int(sys.argv[1]) if len(sys.argv) > 1 else 25
    only = sys.argv[2:]
    for name, page in pages.items():
        if only and not any(word in name for word in only):
            continue
        for _ in range(5):
            assert client.get(page).status_code == 200, page
        # The test client's request_started resets Django's query log, so the queries are counted here.
        queries: list[str] = []

        def counted(execute, sql, params, many, context, queries=queries):
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counted):
            client.get(page)
        samples = []
        for _ in range(30):
            began = time.perf_counter()
            client.get(page)
            samples.append(time.perf_counter() - began)
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(30):
            client.get(page)
        profile.disable()
        print(f"\n==== {name}: median {statistics.median(samples) * 1000:.2f} ms, {len(queries)} queries")
        for sql in queries:
            print("   ", sql[:200])
        stats = pstats.Stats(profile)
        stats.sort_stats("cumulative").print_stats(r"/work/|django/(template|db/models/sql|contrib)", top)
        stats.sort_stats("tottime").print_stats(top // 2)


if __name__ == "__main__":
    main()
