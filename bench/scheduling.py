"""P2 (office day view), P2f (the front desk's home page), P3 (slot search), P3s (its scaling),
P5 (booking latency) and P7 (the patient chart).

Sizes are the issue's: 100 appointments in one office day; 20 providers x 10 rooms
x 14 days with 5,000 booked appointments (and 10,000 for P3s); 400 bookings for P5.
Seeding writes rows in bulk; everything measured goes through the real code.

A busy machine slows both sides of a ratio only if both are measured at the same
moments, so each figure times its two sides alternately in one loop (A, B, B, A, ...)
after a warm-up, with the garbage collector held off during the timed loop.
"""

import datetime
import gc
import html
import random
import statistics
import time
from collections.abc import Callable

import psycopg
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from clinic.models import Office, Room, StaffProfile
from clinic.roles import Role, sync_role_groups
from intake.models import Patient
from scheduling.models import Appointment, AppointmentType, Availability, local_day_bounds
from scheduling.services import book_appointment, find_slots

GOALS = {"P2": 2.5, "P2f": 2.0, "P3": 2.0, "P3s": 2.2, "P5": 3.0, "P7": 3.0}
PROVIDERS, ROOMS, DAYS, BOOKED = 20, 10, 14, 5_000
DAY_VIEW_APPOINTMENTS = 100
# P7's chart: visits, duplex findings (ten studies of twenty) and intake records of one patient.
CHART_VISITS, CHART_STUDIES, CHART_FINDINGS_PER_STUDY, CHART_INTAKES = 20, 10, 20, 30
BOOKINGS = 400
REPEAT = 41
WARM_UP = 5


def side_by_side(
    ours: Callable[[], object], base: Callable[[], object], repeat: int = REPEAT
) -> tuple[list[float], list[float]]:
    """Time both sides alternately; whichever runs first swaps each round, so neither gets the warmer cache."""
    for _ in range(WARM_UP):
        ours()
        base()
    samples: tuple[list[float], list[float]] = ([], [])
    gc.collect()
    gc.disable()
    try:
        for n in range(repeat):
            order = ((0, ours), (1, base)) if n % 2 == 0 else ((1, base), (0, ours))
            for side, action in order:
                began = time.perf_counter()
                action()
                samples[side].append(time.perf_counter() - began)
    finally:
        gc.enable()
    return samples


def signed_in(user: object) -> Client:
    """A client signed in as ``user`` past the second factor, as the two-step page leaves a session."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    device = device or TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1]


class Clinic:
    """One office with 20 sonographers open 07:00-19:00 daily and 10 ultrasound rooms."""

    def __init__(self, slug: str, check: AppointmentType) -> None:
        from django.contrib.auth.models import Group

        self.office = Office.objects.create(
            name=f"Bench {slug}",
            slug=slug,
            address_line1="1 Bench St",
            city="Danville",
            state="CA",
            postal_code="94526",
            phone="(925) 555-0199",
        )
        users = get_user_model()
        sonographers = Group.objects.get(name=Role.SONOGRAPHER.value)
        self.providers = []
        for n in range(PROVIDERS):
            user = users.objects.create(username=f"{slug}-sono{n}", first_name="Sono", last_name=f"{n:02d}")
            user.groups.add(sonographers)
            profile = StaffProfile.objects.create(user=user, home_office=self.office)
            profile.offices.add(self.office)
            self.providers.append(profile)
        self.desk = users.objects.create(username=f"{slug}-desk", first_name="Front", last_name="Desk")
        self.desk.groups.add(Group.objects.get(name=Role.FRONT_DESK.value))
        StaffProfile.objects.create(user=self.desk, home_office=self.office).offices.add(self.office)
        self.rooms = [Room.objects.create(office=self.office, name=f"US {n}", kind="ultrasound") for n in range(ROOMS)]
        self.first_day = timezone.localdate() + datetime.timedelta(days=2)
        Availability.objects.bulk_create(
            Availability(
                provider=p,
                office=self.office,
                weekday=w,
                start_time=datetime.time(7),
                end_time=datetime.time(19),
                valid_from=self.first_day,
            )
            for p in self.providers
            for w in range(7)
        )
        self.patients = Patient.objects.bulk_create(
            Patient(
                first_name="Pat",
                last_name=f"Bench{n:04d}",
                date_of_birth=datetime.date(1960, 1, 1),
                phone=f"+1503555{n:04d}",
            )
            for n in range(400)
        )
        self.duplex = AppointmentType.objects.get(code="duplex")
        self.check = check
        # The same cells for every office, so the office with 2n bookings holds the n of the other.
        self.cells = random.Random(4).sample(range(DAYS * 144 * ROOMS), 2 * BOOKED)
        self.seeded = 0

    def seed_busy(self, upto: int) -> None:
        """Five-minute bookings at random (day, slot, room) cells; within one cell time all differ."""
        zone = self.office.zone
        rows = []
        for cell in self.cells[self.seeded : upto]:
            day, rest = divmod(cell, 144 * ROOMS)
            slot, room = divmod(rest, ROOMS)
            start = datetime.datetime.combine(
                self.first_day + datetime.timedelta(days=day), datetime.time(7), tzinfo=zone
            ) + datetime.timedelta(minutes=5 * slot)
            rows.append(
                Appointment(
                    patient=self.patients[(room + ROOMS * slot) % len(self.patients)],
                    appointment_type=self.check,
                    office=self.office,
                    provider=self.providers[(room + slot) % PROVIDERS],
                    room=self.rooms[room],
                    start=start,
                    end=start + datetime.timedelta(minutes=5),
                    booked_by=self.desk,
                )
            )
        Appointment.objects.bulk_create(rows, batch_size=2000)
        self.seeded = upto
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE scheduling_appointment")

    def slot_search(self) -> list:
        return find_slots(
            appointment_type=self.duplex,
            first_day=self.first_day,
            last_day=self.first_day + datetime.timedelta(days=DAYS - 1),
            offices=[self.office],
        )

    def busy_sql(self) -> tuple[str, tuple]:
        since, _ = local_day_bounds(self.first_day, self.office.zone)
        _, until = local_day_bounds(self.first_day + datetime.timedelta(days=DAYS - 1), self.office.zone)
        from django.db.models import Q

        query = (
            Appointment.objects.active()
            .overlapping(since, until)
            .filter(Q(provider_id__in=[p.pk for p in self.providers]) | Q(room_id__in=[r.pk for r in self.rooms]))
            .values_list("provider_id", "room_id", "patient_id", "start", "end")
        )
        sql, params = query.query.sql_with_params()
        return sql, params


def measure_p3(clinic: Clinic, raw: psycopg.Connection) -> tuple[float, float]:
    sql, params = clinic.busy_sql()
    ours, plain = side_by_side(clinic.slot_search, lambda: raw.execute(sql, params).fetchall())
    return statistics.median(ours), statistics.median(plain)


def measure_p3s(double: Clinic, single: Clinic) -> tuple[float, float]:
    """The same search in two like offices of one database, one holding twice the other's bookings."""
    ours, base = side_by_side(double.slot_search, single.slot_search)
    return statistics.median(ours), statistics.median(base)


def seed_day(clinic: Clinic, day: datetime.date) -> None:
    """DAY_VIEW_APPOINTMENTS 45-minute visits in one office day, ten rooms at a time."""
    zone = clinic.office.zone
    rows = []
    for n in range(DAY_VIEW_APPOINTMENTS):
        slot, room = divmod(n, ROOMS)
        start = datetime.datetime.combine(day, datetime.time(8), tzinfo=zone) + datetime.timedelta(minutes=45 * slot)
        rows.append(
            Appointment(
                patient=clinic.patients[n],
                appointment_type=clinic.duplex,
                office=clinic.office,
                provider=clinic.providers[room],
                room=clinic.rooms[room],
                start=start,
                end=start + datetime.timedelta(minutes=45),
                booked_by=clinic.desk,
            )
        )
    Appointment.objects.bulk_create(rows)


def day_view_day(clinic: Clinic) -> datetime.date:
    """P2's office day: a week after the slot search's fortnight."""
    return clinic.first_day + datetime.timedelta(days=DAYS + 7)


def measure_p2(clinic: Clinic, raw: psycopg.Connection) -> dict[str, float]:
    """The day view against the raw fetch; then, for scale, against the same raw fetch: the same
    view of a day with nothing booked (what the page costs without rows), and a bare view through
    the same middleware and signed-in session (the floor under any page of the site)."""
    from django.test.utils import override_settings

    day = day_view_day(clinic)
    zone = clinic.office.zone
    seed_day(clinic, day)
    client = signed_in(clinic.desk)
    url = reverse("scheduling:office_day", kwargs={"slug": clinic.office.slug, "day": day.isoformat()})
    assert client.get(url).status_code == 200

    first, last = local_day_bounds(day, zone)
    sql = """
        SELECT a.id, a.start, a."end", a.status, p.first_name, p.last_name, t.name, u.first_name, u.last_name, r.name
        FROM scheduling_appointment a
        JOIN intake_patient p ON p.id = a.patient_id
        JOIN scheduling_appointmenttype t ON t.id = a.appointment_type_id
        JOIN clinic_staffprofile s ON s.id = a.provider_id
        JOIN auth_user u ON u.id = s.user_id
        JOIN clinic_room r ON r.id = a.room_id
        WHERE a.office_id = %s AND a.start < %s AND a."end" > %s ORDER BY a.start, a.id
    """

    def raw_view() -> str:
        fetched = raw.execute(sql, (clinic.office.pk, last, first)).fetchall()
        return (
            "<table>"
            + "".join(
                f"<tr><td>{s.astimezone(zone):%H:%M}</td><td>{html.escape(pf)} {html.escape(pl)}</td>"
                f"<td>{html.escape(t)}</td><td>{html.escape(uf)} {html.escape(ul)}</td><td>{html.escape(r)}</td>"
                f"<td>{st}</td></tr>"
                for _, s, _, st, pf, pl, t, uf, ul, r in fetched
            )
            + "</table>"
        )

    def view() -> None:
        assert client.get(url).status_code == 200

    ours, plain = side_by_side(view, raw_view)
    empty_url = reverse(
        "scheduling:office_day",
        kwargs={"slug": clinic.office.slug, "day": (day + datetime.timedelta(days=1)).isoformat()},
    )
    empty, plain_again = side_by_side(lambda: client.get(empty_url), raw_view)
    with override_settings(ROOT_URLCONF="bench.urls"):
        bare_url = reverse("bench_bare")
        bare, plain_third = side_by_side(lambda: client.get(bare_url), raw_view)
    median = statistics.median
    return {
        "ours": median(ours),
        "raw": median(plain),
        "empty": median(empty),
        "raw_beside_empty": median(plain_again),
        "bare": median(bare),
        "raw_beside_bare": median(plain_third),
    }


def measure_p2f(clinic: Clinic) -> tuple[float, float]:
    """The front desk's home page on a day with nothing booked against a bare view answering "ok",
    both through the same middleware with the same signed-in session."""
    from django.test.utils import override_settings

    client = signed_in(clinic.desk)
    with override_settings(ROOT_URLCONF="bench.urls"):
        home, bare = reverse("home"), reverse("bench_bare")
        assert client.get(home).status_code == 200
        assert client.get(bare).status_code == 200
        ours, plain = side_by_side(lambda: client.get(home), lambda: client.get(bare))
    return statistics.median(ours), statistics.median(plain)


def seed_chart(clinic: Clinic, physician: object) -> Patient:
    """One patient with CHART_VISITS past visits, CHART_STUDIES final duplex studies of
    CHART_FINDINGS_PER_STUDY findings, CHART_INTAKES intake records and a signed note."""
    from decimal import Decimal

    from evaluations.models import DuplexStudy, Evaluation, LegAssessment, SegmentFinding
    from evaluations.rules.segments import Segment
    from intake.models import IntakeRecord

    patient = Patient.objects.create(
        first_name="Chart", last_name="Bench", date_of_birth=datetime.date(1958, 3, 4), phone="+15035559999",
        preferred_office=clinic.office,
    )  # fmt: skip
    zone = clinic.office.zone
    first = timezone.localdate() - datetime.timedelta(days=10 * CHART_VISITS)
    visits = []
    for n in range(CHART_VISITS):
        start = datetime.datetime.combine(first + datetime.timedelta(days=7 * n), datetime.time(9), tzinfo=zone)
        visits.append(
            Appointment(
                patient=patient, appointment_type=clinic.duplex, office=clinic.office,
                provider=clinic.providers[n % PROVIDERS], room=clinic.rooms[n % ROOMS], start=start,
                end=start + datetime.timedelta(minutes=45), status="completed", booked_by=clinic.desk,
            )
        )  # fmt: skip
    Appointment.objects.bulk_create(visits)
    sonographer = clinic.providers[0].user
    segments = list(Segment)[: CHART_FINDINGS_PER_STUDY // 2]
    for n in range(CHART_STUDIES):
        study = DuplexStudy.objects.create(
            patient=patient, office=clinic.office, sonographer=sonographer,
            performed_at=visits[2 * n].start,
        )  # fmt: skip
        SegmentFinding.objects.bulk_create(
            SegmentFinding(
                study=study, side=side, segment=segment, reflux_ms=200 + n, diameter_mm=Decimal("4.0"),
                compressibility=SegmentFinding.Compressibility.FULL,
            )
            for side in ("R", "L")
            for segment in segments
        )  # fmt: skip
        study.finalize(by=sonographer)
    IntakeRecord.objects.bulk_create(
        IntakeRecord(patient=patient, source=IntakeRecord.Source.STAFF, recorded_at=visits[0].start
                     + datetime.timedelta(days=n))
        for n in range(CHART_INTAKES)
    )  # fmt: skip
    note = Evaluation.objects.create(
        patient=patient, office=clinic.office, physician=physician, visit_date=visits[-1].start.date()
    )
    LegAssessment.objects.create(evaluation=note, side="R", clinical_classes=["C2"])
    note.sign(physician, attested=True)
    return patient


def chart_physician(clinic: Clinic) -> object:
    """The physician who reads P7's chart (every panel), working at the clinic's office."""
    from django.contrib.auth.models import Group

    physician = get_user_model().objects.create(username="bench-chart-physician", first_name="Phys", last_name="Ician")
    physician.groups.add(Group.objects.get(name=Role.PHYSICIAN.value))
    StaffProfile.objects.create(user=physician, home_office=clinic.office).offices.add(clinic.office)
    return physician


def measure_p7(clinic: Clinic, raw: psycopg.Connection) -> tuple[float, float]:
    """The patient chart, seen by a physician (every panel), against a raw fetch and minimal
    render of the same rows: the patient, the visits, the findings and the intake records."""
    physician = chart_physician(clinic)
    patient = seed_chart(clinic, physician)
    client = signed_in(physician)
    url = reverse("patient_chart", args=[patient.pk])
    assert client.get(url).status_code == 200
    zone = clinic.office.zone
    queries = (
        "SELECT first_name, last_name, date_of_birth, phone FROM intake_patient WHERE id = %(p)s",
        """SELECT a.start, a.status, t.name, u.first_name, u.last_name, r.name
           FROM scheduling_appointment a
           JOIN scheduling_appointmenttype t ON t.id = a.appointment_type_id
           JOIN clinic_staffprofile s ON s.id = a.provider_id JOIN auth_user u ON u.id = s.user_id
           JOIN clinic_room r ON r.id = a.room_id
           WHERE a.patient_id = %(p)s ORDER BY a.start DESC""",
        """SELECT d.performed_at, f.side, f.segment, f.reflux_ms, f.diameter_mm
           FROM evaluations_segmentfinding f JOIN evaluations_duplexstudy d ON d.id = f.study_id
           WHERE d.patient_id = %(p)s ORDER BY d.performed_at DESC, f.id""",
        "SELECT recorded_at, source FROM intake_intakerecord WHERE patient_id = %(p)s ORDER BY recorded_at DESC",
    )

    def cell(value: object) -> str:
        if isinstance(value, datetime.datetime):
            return f"{value.astimezone(zone):%Y-%m-%d %H:%M}"
        return html.escape(str(value))

    def raw_chart() -> str:
        parts = []
        for sql in queries:
            rows = raw.execute(sql, {"p": patient.pk}).fetchall()
            parts.append(
                "<table>" + "".join("<tr>" + "".join(f"<td>{cell(v)}</td>" for v in row) + "</tr>" for row in rows)
                + "</table>"
            )  # fmt: skip
        return "".join(parts)

    assert raw_chart().count("<tr>") == 1 + CHART_VISITS + CHART_STUDIES * CHART_FINDINGS_PER_STUDY + CHART_INTAKES

    def chart() -> None:
        assert client.get(url).status_code == 200

    ours, plain = side_by_side(chart, raw_chart)
    return statistics.median(ours), statistics.median(plain)


def booking_starts(clinic: Clinic, count: int) -> list[tuple[datetime.datetime, int]]:
    """P5's bookings: twelve 45-minute visits a day from ten days after the slot search's fortnight."""
    zone = clinic.office.zone
    day = clinic.first_day + datetime.timedelta(days=DAYS + 10)
    return [
        (
            datetime.datetime.combine(day + datetime.timedelta(days=n // 12), datetime.time(7), tzinfo=zone)
            + datetime.timedelta(minutes=45 * (n % 12)),
            n,
        )
        for n in range(count)
    ]


def book_one(clinic: Clinic, start: datetime.datetime, n: int) -> None:
    book_appointment(
        patient=clinic.patients[n % 400],
        appointment_type=clinic.duplex,
        office=clinic.office,
        start=start,
        provider=clinic.providers[n % PROVIDERS],
        room=clinic.rooms[n % ROOMS],
        by=clinic.desk,
    )


def measure_p5(clinic: Clinic, raw: psycopg.Connection) -> tuple[float, float]:
    zone = clinic.office.zone
    day = clinic.first_day + datetime.timedelta(days=DAYS + 10)
    starts = booking_starts(clinic, BOOKINGS + WARM_UP)
    insert = """
        INSERT INTO scheduling_appointment (patient_id, appointment_type_id, office_id, provider_id, room_id, start,
            "end", status, cancel_reason, notes, booked_by_id, created_at, updated_at)
        VALUES (%s, %s, %s, %s, %s, %s, %s, 'booked', '', '', %s, now(), now())
    """
    far = day + datetime.timedelta(days=60)

    def book(start: datetime.datetime, n: int) -> None:
        book_one(clinic, start, n)

    def insert_raw(n: int) -> None:
        # The same row shape at the same place in a later month, so neither side collides with the other.
        start = datetime.datetime.combine(far + datetime.timedelta(days=n // 12), datetime.time(7), tzinfo=zone)
        start += datetime.timedelta(minutes=45 * (n % 12))
        raw.execute(
            insert,
            (
                clinic.patients[n % 400].pk,
                clinic.duplex.pk,
                clinic.office.pk,
                clinic.providers[n % PROVIDERS].pk,
                clinic.rooms[n % ROOMS].pk,
                start,
                start + datetime.timedelta(minutes=45),
                clinic.desk.pk,
            ),
        )

    ours: list[float] = []
    plain: list[float] = []
    gc.collect()
    gc.disable()
    try:
        for start, n in starts:
            order = ((ours, lambda start=start, n=n: book(start, n)), (plain, lambda n=n: insert_raw(n)))
            for samples, action in order if n % 2 == 0 else order[::-1]:
                began = time.perf_counter()
                action()
                samples.append(time.perf_counter() - began)
    finally:
        gc.enable()
    # The first of each warms connections and caches.
    return p95(ours[WARM_UP:]), p95(plain[WARM_UP:])


def bench_check() -> AppointmentType:
    """The migrated schema with its role groups, and the benchmark's visit type: short bench
    bookings, so 10,000 fit 10 rooms over 14 days without double booking."""
    call_command("migrate", verbosity=0)
    sync_role_groups()
    return AppointmentType.objects.create(
        code="bench_check",
        name="Bench check",
        duration_minutes=5,
        provider_role="sonographer",
        room_kind="ultrasound",
    )


def run(url: str) -> dict:
    check = bench_check()
    clinic = Clinic("bench", check)
    double = Clinic("bench-double", check)
    raw = psycopg.connect(url, autocommit=True)

    clinic.seed_busy(BOOKED)
    double.seed_busy(2 * BOOKED)
    p3_slots, p3_slots_double = len(clinic.slot_search()), len(double.slot_search())
    p3_ours, p3_raw = measure_p3(clinic, raw)
    p3_double, p3_single = measure_p3s(double, clinic)
    p2 = measure_p2(clinic, raw)
    p2f_ours, p2f_bare = measure_p2f(clinic)
    p7_ours, p7_raw = measure_p7(clinic, raw)
    p5_ours, p5_raw = measure_p5(clinic, raw)

    rows = [
        (
            "P2",
            "office day view, 100 appointments (request through the full stack)",
            p2["ours"],
            p2["raw"],
            "raw psycopg fetch + minimal render",
        ),
        (
            "P2f",
            "the front desk's home page, nothing booked today (full stack, signed in)",
            p2f_ours,
            p2f_bare,
            "a bare view through the same middleware and session",
        ),
        (
            "P7",
            f"patient chart: {CHART_VISITS} visits, {CHART_STUDIES * CHART_FINDINGS_PER_STUDY} findings, "
            f"{CHART_INTAKES} intakes, every panel (physician)",
            p7_ours,
            p7_raw,
            "raw psycopg fetch + minimal render of the same rows",
        ),
        (
            "P3",
            f"slot search {PROVIDERS}x{ROOMS}x{DAYS} days, {BOOKED} booked ({p3_slots} slots)",
            p3_ours,
            p3_raw,
            "the busy-interval SQL alone",
        ),
        (
            "P3s",
            f"slot search at {2 * BOOKED} booked ({p3_slots_double} slots) vs {BOOKED}",
            p3_double,
            p3_single,
            f"same search at {BOOKED}, alternating with it",
        ),
        ("P5", f"booking p95 over {BOOKINGS} (validate, insert, audit)", p5_ours, p5_raw, "raw INSERT p95"),
    ]
    figures = {}
    print(f"\n{'':4} {'measured':<72} {'ours ms':>9} {'base ms':>9} {'ratio':>7} {'goal':>6}  met")
    for key, label, ours, base, base_label in rows:
        ratio = ours / base
        met = ratio <= GOALS[key]
        figures[key] = {
            "ratio": round(ratio, 2),
            "goal": GOALS[key],
            "met": met,
            "ours_ms": round(ours * 1000, 2),
            "base_ms": round(base * 1000, 2),
        }
        print(
            f"{key:4} {label:<72} {ours * 1000:9.2f} {base * 1000:9.2f} {ratio:7.2f} {GOALS[key]:6.1f}  "
            f"{'yes' if met else 'NO'}"
        )
        print(f"{'':4}   vs {base_label}")
        if key == "P2":
            empty, floor = p2["empty"] / p2["raw_beside_empty"], p2["bare"] / p2["raw_beside_bare"]
            print(
                f"{'':4}   for scale: the same view of a day with nothing booked takes {p2['empty'] * 1000:.2f} ms, "
                f"{empty:.1f} times the raw fetch and render of the 100 rows;\n"
                f"{'':4}   a bare view through the same middleware and session takes {p2['bare'] * 1000:.2f} ms, "
                f"{floor:.1f} times it: the floor under any page, before its own queries and template"
            )
            figures[key].update(empty_day_ratio=round(empty, 2), bare_view_ratio=round(floor, 2))
    raw.close()
    return figures
