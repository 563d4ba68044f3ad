"""Side-by-side figures for the speed tricks the house rules ask to justify (not part of `make bench`):

- scheduling.calendar.PkUrl: one reverse per pattern and request, against `reverse` per link
  (the day view's 100 rows, five links each);
- scheduling.reminders.links.LinkMaker: one signer and path per purpose for a batch, against
  `link_url` per link (1,000 reminders, three links each).

    BENCH_DATABASE_NAME=... python -m bench.tricks
"""

import datetime
import statistics


def main() -> None:
    from bench.__main__ import start_django

    start_django()
    from django.urls import reverse
    from django.utils import timezone

    from bench.scheduling import BOOKED, Clinic, bench_check, side_by_side
    from scheduling import calendar
    from scheduling.models import Appointment
    from scheduling.reminders import links

    clinic = Clinic("tricks", bench_check())
    clinic.seed_busy(BOOKED)

    def report(name: str, ours: list[float], plain: list[float]) -> None:
        a, b = statistics.median(ours), statistics.median(plain)
        print(f"{name:<60} trick {a * 1000:8.2f} ms  plain {b * 1000:8.2f} ms  plain/trick {b / a:5.2f}")

    names = ("scheduling:appointment_detail", "scheduling:appointment_status", "scheduling:appointment_cancel",
             "patient_chart")  # fmt: skip
    pks = range(1, 101)

    def with_pk_url() -> None:
        made = [calendar.PkUrl(name) for name in names]
        for pk in pks:
            for url_for in made:
                url_for(pk)

    def with_reverse() -> None:
        for pk in pks:
            for name in names:
                reverse(name, args=[pk])

    report("day view links, 100 rows x 4 (PkUrl vs reverse)", *side_by_side(with_pk_url, with_reverse))

    start = timezone.now() + datetime.timedelta(days=3)
    appointments = [Appointment(pk=n, start=start + datetime.timedelta(minutes=5 * n)) for n in range(1, 1001)]

    def with_link_maker() -> None:
        maker = links.LinkMaker()
        for appointment in appointments:
            for purpose in links.PURPOSES:
                maker.url(appointment, purpose)

    def with_link_url() -> None:
        for appointment in appointments:
            for purpose in links.PURPOSES:
                links.link_url(appointment, purpose)

    report("reminder links, 1,000 x 3 (LinkMaker vs link_url)", *side_by_side(with_link_maker, with_link_url, 11))


if __name__ == "__main__":
    main()
