"""Where the patient chart's and a booking's time goes: cProfile of P7's chart (20 visits,
200 findings, 30 intake records, every panel, seen by a physician) through the full middleware
stack with a session past the second factor, and of P5's `book_appointment`. Not part of
`make bench`; run it on the bench's scratch database:

    BENCH_DATABASE_NAME=... python -m bench.profile_chart [top-lines]
"""

import cProfile
import datetime
import os
import pstats
import statistics
import sys
import time


def main() -> None:
    from bench.__main__ import start_django

    start_django()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db import connection
    from django.urls import reverse

    from bench.scheduling import DAYS, PROVIDERS, ROOMS, Clinic, bench_check, seed_chart, signed_in
    from clinic.models import StaffProfile
    from clinic.roles import Role
    from scheduling.services import book_appointment

    clinic = Clinic("profile", bench_check())
    physician = get_user_model().objects.create(username="bench-chart-physician", first_name="Phys", last_name="Ician")
    physician.groups.add(Group.objects.get(name=Role.PHYSICIAN.value))
    StaffProfile.objects.create(user=physician, home_office=clinic.office).offices.add(clinic.office)
    patient = seed_chart(clinic, physician)
    client = signed_in(physician)
    top = int(sys.argv[1]) if len(sys.argv) > 1 else 25
    only = sys.argv[2] if len(sys.argv) > 2 else "chart,booking"

    def counted_queries(action) -> list[str]:
        queries: list[str] = []

        def counted(execute, sql, params, many, context):
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counted):
            action()
        return queries

    def report(name: str, action, repeat: int = 30) -> None:
        for _ in range(5):
            action()
        queries = counted_queries(action)
        samples = []
        for _ in range(repeat):
            began = time.perf_counter()
            action()
            samples.append(time.perf_counter() - began)
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(repeat):
            action()
        profile.disable()
        print(f"\n==== {name}: median {statistics.median(samples) * 1000:.2f} ms, {len(queries)} queries")
        for sql in queries:
            print("   ", sql[:220])
        stats = pstats.Stats(profile)
        if os.environ.get("PROFILE_DUMP"):
            stats.dump_stats(f"{os.environ['PROFILE_DUMP']}.{name.split()[0]}")
        stats.sort_stats("cumulative").print_stats(r"/work/[^/]+/(?!\.venv)", top)
        stats.sort_stats("cumulative").print_stats(r"django/(template|db/models/sql|contrib)", top // 2)
        stats.sort_stats("tottime").print_stats(top // 2)

    if "chart" in only:
        url = reverse("patient_chart", args=[patient.pk])

        def chart() -> None:
            assert client.get(url).status_code == 200, url

        report("patient chart (P7)", chart)
        # Inclusive time per template (a template's includes count in it too).
        from collections import Counter

        from django.template.base import Template

        spent: Counter = Counter()
        original = Template.render

        def timed(self, context):
            began = time.perf_counter()
            try:
                return original(self, context)
            finally:
                spent[self.name] += time.perf_counter() - began

        Template.render = timed
        for _ in range(30):
            chart()
        Template.render = original
        print("\n==== inclusive render time per template, ms per chart")
        for name, seconds in spent.most_common(25):
            print(f"    {seconds / 30 * 1000:8.2f}  {name}")
    if "booking" in only:
        zone = clinic.office.zone
        day = clinic.first_day + datetime.timedelta(days=DAYS + 10)
        counter = iter(range(10_000))

        def book() -> None:
            n = next(counter)
            start = datetime.datetime.combine(day + datetime.timedelta(days=n // 12), datetime.time(7), tzinfo=zone)
            book_appointment(
                patient=clinic.patients[n % 400], appointment_type=clinic.duplex, office=clinic.office,
                start=start + datetime.timedelta(minutes=45 * (n % 12)), provider=clinic.providers[n % PROVIDERS],
                room=clinic.rooms[n % ROOMS], by=clinic.desk,
            )  # fmt: skip

        report("book_appointment (P5)", book, repeat=60)


if __name__ == "__main__":
    main()
