"""P9: the practice dashboard for one office and one year, at 10,000 and at 100,000 appointments
(BENCH_FULL=1: 1,000,000).

A busy office books about 5,000 visits a year. The small practice is one office with
two years of them (10,000); the large one five offices with four years each (100,000), or with
BENCH_FULL=1 twenty offices with ten years each (1,000,000, whose seeding took 10 to 11 minutes on
a busy two-core machine). The measured dashboard, the first office's last full year, covers the same
5,000 visits in both, so its time should not grow with the table: goal 1.5x at most.
The all-offices dashboard for that year reads five (twenty) times the rows at the large size;
its time is printed too, for information (no goal).

Everything is seeded on PostgreSQL with INSERT ... SELECT over generate_series, each
table cloned from one row the ORM made (so every NOT NULL column has a proper value):
per appointment one reminder; per four one screening (half converted); per fifty one
procedure with a signed note before and after it and a signed plan. Notes and plans
are inserted as drafts with their parts and then signed, as the lock triggers require.
The dashboard is measured through the real view, signed in as a clinic admin. The large
practice is seeded into a copy of the small one's database (CREATE DATABASE ... TEMPLATE), and
the two are measured in turns, request by request, so a busy machine weighs on both alike.
"""

import datetime
import os
import statistics
import time
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bench.seeding import clone, copy_database, exclusion_constraints_lifted, use_database
from clinic.models import Office, Room, StaffProfile
from clinic.roles import Role, sync_role_groups

PER_OFFICE_YEAR = 5_000
FULL = os.environ.get("BENCH_FULL") == "1"
SMALL_YEARS = 2
LARGE_OFFICES, LARGE_YEARS = (20, 10) if FULL else (5, 4)
PATIENTS = 50_000
GOAL = 1.5
REPEAT = 7
# DASHBOARD_BENCH_SMALL_ONLY=1 seeds and measures the 10,000 only (a quick check of the seeding).
SMALL_ONLY = os.environ.get("DASHBOARD_BENCH_SMALL_ONLY") == "1"
STEP_MINUTES = 365 * 24 * 60 // PER_OFFICE_YEAR  # 105: one office's visits never overlap
NOW = datetime.datetime(2026, 11, 30, tzinfo=datetime.UTC)


def setup_practice() -> dict:
    from intake.models import Patient, ScreeningSubmission
    from scheduling.models import Appointment, AppointmentType, Reminder

    users = get_user_model()
    offices, providers, rooms = [], [], []
    for n in range(LARGE_OFFICES):
        office = Office.objects.create(
            name=f"Office {n:02d}",
            slug=f"office-{n:02d}",
            address_line1="1 Main St",
            city="Danville",
            state="CA",
            postal_code="94526",
            phone="+19255550100",
        )
        user = users.objects.create(username=f"bench-dash-provider-{n}")
        user.groups.add(Group.objects.get(name=Role.SONOGRAPHER.value))
        profile = StaffProfile.objects.create(user=user, home_office=office)
        profile.offices.add(office)
        rooms.append(Room.objects.create(office=office, name="Ultrasound", kind=Room.Kind.ULTRASOUND))
        offices.append(office)
        providers.append(profile)
        # Monday to Friday, 08:00-17:00, for the whole history.
        from scheduling.models import Availability

        Availability.objects.bulk_create(
            Availability(
                provider=profile,
                office=office,
                weekday=day,
                start_time=datetime.time(8),
                end_time=datetime.time(17),
                valid_from=datetime.date(2010, 1, 1),
            )
            for day in range(5)
        )
    desk = users.objects.create(username="bench-dash-desk")
    physician = users.objects.create(username="bench-dash-physician")
    patient = Patient.objects.create(
        first_name="Template", last_name="Patient", date_of_birth=datetime.date(1960, 1, 1), phone="+15035550100"
    )
    kind = AppointmentType.objects.get(code="duplex")
    appointment = Appointment.objects.create(
        patient=patient,
        appointment_type=kind,
        office=offices[0],
        provider=providers[0],
        room=rooms[0],
        start=NOW - datetime.timedelta(days=9000),
        end=NOW - datetime.timedelta(days=9000) + datetime.timedelta(minutes=30),
        status="completed",
        booked_by=desk,
    )
    reminder = Reminder.objects.create(
        patient=patient,
        office=offices[0],
        appointment=appointment,
        kind="reminder",
        channel="sms",
        due_at=appointment.start,
        status="sent",
        sent_at=appointment.start,
        provider_message_id="seed",
    )
    screening = ScreeningSubmission(
        first_name="Template",
        last_name="Screening",
        date_of_birth=datetime.date(1960, 1, 1),
        phone="+15035550100",
        consent_to_contact=True,
        preferred_office=offices[0],
    )
    screening.apply_triage()
    screening.save()
    return {
        "offices": offices,
        "providers": providers,
        "rooms": rooms,
        "desk": desk,
        "physician": physician,
        "patient": patient,
        "appointment": appointment,
        "reminder": reminder,
        "screening": screening,
    }


def seed_patients(practice: dict) -> None:
    from intake.models import Patient

    clone(
        Patient,
        practice["patient"],
        {
            "first_name": "'Seeded'",
            "last_name": "'Patient ' || g",
            "phone": "'+15035' || lpad((g %% 1000000)::text, 6, '0')",
        },
        "generate_series(1, %(n)s) AS g",
        {"n": PATIENTS},
    )


def seed_block(practice: dict, offices: list[int], first_k: int, last_k: int) -> None:
    """Appointments k = first_k..last_k (k counts back from NOW) at the offices with these indexes,
    then the rows that hang off them."""
    from evaluations.models import Evaluation, LegAssessment, PlanItem, TreatmentPlan
    from intake.models import ScreeningSubmission
    from scheduling.models import Appointment, Reminder

    office_ids = [practice["offices"][i].pk for i in offices]
    provider_ids = [practice["providers"][i].pk for i in offices]
    room_ids = [practice["rooms"][i].pk for i in offices]
    first_patient = practice["patient"].pk + 1
    before = Appointment.objects.order_by("-pk").values_list("pk", flat=True).first()
    clone(
        Appointment,
        practice["appointment"],
        {
            "office_id": "(%(offices)s::int[])[o]",
            "provider_id": "(%(providers)s::int[])[o]",
            "room_id": "(%(rooms)s::int[])[o]",
            # Never the same patient twice at one time: k and the office's own number decide.
            "patient_id": f"{first_patient} + ((k * {LARGE_OFFICES} + (%(indexes)s::int[])[o]) %% {PATIENTS})",
            "start": "%(now)s - (k + 1) * interval '1 minute' * %(step)s",
            "end": "%(now)s - (k + 1) * interval '1 minute' * %(step)s + interval '30 minutes'",
            "status": "CASE WHEN k %% 20 = 0 THEN 'no_show' WHEN k %% 20 = 1 THEN 'cancelled' ELSE 'completed' END",
            "cancel_reason": "CASE WHEN k %% 20 = 1 THEN 'Seeded' ELSE '' END",
            "created_at": "%(now)s",
            "updated_at": "%(now)s",
        },
        "generate_series(1, cardinality(%(offices)s::int[])) AS o, generate_series(%(first)s, %(last)s) AS k",
        {
            "offices": office_ids,
            "indexes": offices,
            "providers": provider_ids,
            "rooms": room_ids,
            "now": NOW,
            "step": STEP_MINUTES,
            "first": first_k,
            "last": last_k,
        },
    )
    new = "(SELECT * FROM scheduling_appointment WHERE id > %(before)s) AS a"
    with connection.cursor() as cursor:
        # Half the cancellations late (2 hours before), half early (3 days before).
        cursor.execute(
            "INSERT INTO scheduling_appointmentevent (appointment_id, kind, from_status, to_status, note, by_id, at) "
            "SELECT a.id, 'status', 'booked', 'cancelled', 'Seeded', %(desk)s, "
            "a.start - CASE WHEN a.id %% 2 = 0 THEN interval '2 hours' ELSE interval '3 days' END "
            "FROM scheduling_appointment a WHERE a.id > %(before)s AND a.status = 'cancelled'",
            {"desk": practice["desk"].pk, "before": before},
        )
    clone(
        Reminder,
        practice["reminder"],
        {
            "patient_id": "a.patient_id",
            "office_id": "a.office_id",
            "appointment_id": "a.id",
            "due_at": "a.start - interval '24 hours'",
            "status": "CASE WHEN a.id %% 25 = 0 THEN 'failed' WHEN a.id %% 25 = 1 THEN 'skipped' ELSE 'sent' END",
            "sent_at": "CASE WHEN a.id %% 25 > 1 THEN a.start - interval '24 hours' END",
            "provider_message_id": "CASE WHEN a.id %% 25 > 1 THEN 'seed' ELSE '' END",
            "error": "CASE WHEN a.id %% 25 = 1 THEN 'patient replied STOP' "
            "WHEN a.id %% 25 = 0 THEN '30006' ELSE '' END",
        },
        new,
        {"before": before},
    )
    clone(
        ScreeningSubmission,
        practice["screening"],
        {
            "preferred_office_id": "a.office_id",
            "submitted_at": "a.start - interval '9 days'",
            "status": "CASE WHEN a.id %% 8 = 0 THEN 'converted' ELSE 'new' END",
            "patient_id": "CASE WHEN a.id %% 8 = 0 THEN a.patient_id END",
            "handled_at": "CASE WHEN a.id %% 8 = 0 THEN a.start - interval '8 days' END",
            "handled_by_id": f"CASE WHEN a.id %% 8 = 0 THEN {practice['desk'].pk} END",
        },
        new,
        {"before": before},
        where="a.id %% 4 = 0",
    )
    seed_treatments(practice, before, Evaluation, LegAssessment, TreatmentPlan, PlanItem)
    with connection.cursor() as cursor:
        for table in (
            "scheduling_appointment",
            "scheduling_appointmentevent",
            "scheduling_reminder",
            "intake_screeningsubmission",
            "evaluations_evaluation",
            "evaluations_legassessment",
            "evaluations_treatmentplan",
            "evaluations_planitem",
        ):
            cursor.execute(f"ANALYZE {table}")


def seed_treatments(practice: dict, before: int, Evaluation, LegAssessment, TreatmentPlan, PlanItem) -> None:
    """Per fifty completed visits: a note at the visit, an RFA 14 days later, a note 60 days after that."""
    physician = practice["physician"].pk
    visits = (
        "FROM scheduling_appointment a WHERE a.id > %(before)s AND a.id %% 50 = 2 AND a.status = 'completed' "
        "AND a.start < %(now)s - interval '80 days'"
    )
    from evaluations.models.notes import ATTESTATION

    params = {"before": before, "now": NOW, "physician": physician, "attestation": ATTESTATION}
    with connection.cursor() as cursor:
        # A physician keeps one open draft per patient, so the notes go in as rounds of one visit per
        # patient, each round drafted, given its leg and signed before the next.
        for offset, marker in ((0, "before"), (74, "after")):
            while True:
                cursor.execute(
                    "INSERT INTO evaluations_evaluation (patient_id, office_id, physician_id, visit_date, history, "
                    "exam, assessment, plan_text, status, attestation, created_at, updated_at) "
                    f"SELECT DISTINCT ON (a.patient_id) a.patient_id, a.office_id, %(physician)s, "
                    f"(a.start + interval '{offset} days')::date, '{marker}', '', 'seed ' || a.id, '', 'draft', '', "
                    f"%(now)s, %(now)s {visits} AND NOT EXISTS (SELECT 1 FROM evaluations_evaluation d "
                    f"WHERE d.assessment = 'seed ' || a.id AND d.history = '{marker}') ORDER BY a.patient_id, a.id",
                    params,
                )
                if not cursor.rowcount:
                    break
                cursor.execute(
                    "INSERT INTO evaluations_legassessment (evaluation_id, side, clinical_classes, symptomatic, "
                    "etiology, anatomy_superficial, anatomy_deep, anatomy_perforator, pathophysiology, segments, pain, "
                    "varicose_veins, venous_edema, skin_pigmentation, inflammation, induration, active_ulcers, "
                    "ulcer_duration, ulcer_size, compression, bleeding, thrombophlebitis, limits_daily_life, "
                    "ulcer_site) "
                    "SELECT e.id, 'R', '[\"C2\"]', true, 'Ep', true, false, false, 'Pr', '[]', "
                    "CASE WHEN e.history = 'before' THEN 3 ELSE 1 END, "
                    "CASE WHEN e.history = 'before' THEN 2 ELSE 0 END, "
                    "1, 0, 0, 0, 0, 0, 0, 1, false, false, true, '' "
                    "FROM evaluations_evaluation e WHERE e.status = 'draft' AND e.physician_id = %(physician)s",
                    params,
                )
                cursor.execute(
                    "UPDATE evaluations_evaluation SET status = 'signed', signed_by_id = physician_id, "
                    "signed_at = %(now)s, attestation = %(attestation)s "
                    "WHERE status = 'draft' AND physician_id = %(physician)s",
                    params,
                )
        cursor.execute(
            "INSERT INTO evaluations_treatmentplan "
            "(patient_id, evaluation_id, created_by_id, notes, status, created_at) "
            "SELECT e.patient_id, e.id, %(physician)s, '', 'draft', %(now)s FROM evaluations_evaluation e "
            "WHERE e.history = 'before' AND NOT EXISTS "
            "(SELECT 1 FROM evaluations_treatmentplan p WHERE p.evaluation_id = e.id)",
            params,
        )
        cursor.execute(
            "INSERT INTO evaluations_planitem (plan_id, kind, side, target_segment, compression_class, instructions, "
            "status, done_on, updated_at) "
            "SELECT p.id, 'rfa', 'R', 'GSVa', '', '', 'done', e.visit_date + 14, %(now)s "
            "FROM evaluations_treatmentplan p JOIN evaluations_evaluation e ON e.id = p.evaluation_id "
            "WHERE p.status = 'draft'",
            params,
        )
        cursor.execute(
            "UPDATE evaluations_treatmentplan SET status = 'signed', signed_by_id = created_by_id, signed_at = %(now)s "
            "WHERE status = 'draft'",
            params,
        )


def signed_in_admin(username: str = "bench-dash-admin") -> Client:
    from bench.scheduling import signed_in

    admin = get_user_model().objects.create(username=username)
    admin.groups.add(Group.objects.get(name=Role.CLINIC_ADMIN.value))
    return signed_in(admin)


def measure_side_by_side(sides: dict[str, tuple[str, Client]], params: dict) -> dict[str, dict]:
    """The dashboard's median time on each database, taken in turns so that a busy machine weighs on
    both sides alike. After each switch one request is not timed: it opens the new connection."""
    url = reverse("reports:dashboard")
    queries = {}
    for side, (database, client) in sides.items():
        use_database(database)
        executed: list[str] = []

        def counted(execute: Any, sql: str, params: Any, many: bool, context: dict, executed=executed) -> Any:
            executed.append(sql)
            return execute(sql, params, many, context)

        # Counted by a wrapper: each request starts by emptying the connection's query log.
        with connection.execute_wrapper(counted):
            response = client.get(url, params)
        assert response.status_code == 200, response.status_code
        assert b"dashboard-scope" in response.content, "the filter was refused"
        queries[side] = len(executed)
    samples: dict[str, list[float]] = {side: [] for side in sides}
    for _ in range(REPEAT):
        for side, (database, client) in sides.items():
            use_database(database)
            client.get(url, params)
            began = time.perf_counter()
            client.get(url, params)
            samples[side].append(time.perf_counter() - began)
    return {
        side: {"ms": round(statistics.median(times) * 1000, 1), "queries": queries[side]}
        for side, times in samples.items()
    }


def run(url: str) -> dict:
    small_db = connection.settings_dict["NAME"]
    large_db = f"{small_db}_large"
    call_command("migrate", verbosity=0)
    sync_role_groups()
    began = time.perf_counter()
    practice = setup_practice()
    seed_patients(practice)
    year = {
        "first": (NOW - datetime.timedelta(days=365)).date().isoformat(),
        "last": (NOW.date() - datetime.timedelta(days=1)).isoformat(),
    }
    one_office = {**year, "office": practice["offices"][0].slug}
    small_k = SMALL_YEARS * PER_OFFICE_YEAR
    # The small practice: the first office's two most recent years.
    seed_block(practice, [0], 0, small_k - 1)
    small_seed = time.perf_counter() - began
    from scheduling.models import Appointment

    small_count = Appointment.objects.count() - 1  # the template visit
    print(f"  seeded {small_count:,} appointments in {small_seed:.0f} s", flush=True)
    if SMALL_ONLY:
        client = signed_in_admin()
        print(f"  10k: {measure_side_by_side({'10k': (small_db, client)}, one_office)}", flush=True)
        return {}

    # The large practice grows from a copy of the small one, so both stay to be measured in turns.
    began = time.perf_counter()
    copy_database(small_db, large_db)
    use_database(large_db)
    # The large practice: the first office's older eight years, and nineteen more offices' ten.
    with exclusion_constraints_lifted():
        seed_block(practice, [0], small_k, LARGE_YEARS * PER_OFFICE_YEAR - 1)
        seed_block(practice, list(range(1, LARGE_OFFICES)), 0, LARGE_YEARS * PER_OFFICE_YEAR - 1)
    large_seed = time.perf_counter() - began
    large_count = Appointment.objects.count() - 1
    print(f"  seeded up to {large_count:,} appointments in another {large_seed:.0f} s", flush=True)
    # Both with fresh planner statistics, as autovacuum keeps a live database's.
    for database in (small_db, large_db):
        use_database(database)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    # Signed in after the seeding, or the idle timeout would end the sessions while it runs.
    use_database(large_db)
    large_client = signed_in_admin("bench-dash-admin-large")
    use_database(small_db)
    small_client = signed_in_admin("bench-dash-admin-small")
    sides = {"small": (small_db, small_client), "large": (large_db, large_client)}
    by_office = measure_side_by_side(sides, one_office)
    everywhere = measure_side_by_side(sides, year)
    small = {"office": by_office["small"], "all": everywhere["small"]}
    large = {"office": by_office["large"], "all": everywhere["large"]}
    use_database(small_db)
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{large_db}" WITH (FORCE)')

    ratio = large["office"]["ms"] / small["office"]["ms"]
    met = ratio <= GOAL
    print(f"\n{'':4} {'measured':<62} {'large ms':>8} {'10k ms':>8} {'ratio':>7} {'goal':>6}  met")
    print(
        f"{'P9':4} {'dashboard, one office, one year (5,000 visits either way)':<62} "
        f"{large['office']['ms']:8.1f} {small['office']['ms']:8.1f} {ratio:7.2f} {GOAL:6.1f}  {'yes' if met else 'NO'}"
    )
    all_ratio = large["all"]["ms"] / small["all"]["ms"]
    print(
        f"{'':4} {f'dashboard, all offices, one year (info: {LARGE_OFFICES}x the rows)':<62} "
        f"{large['all']['ms']:8.1f} {small['all']['ms']:8.1f} {all_ratio:7.2f}"
    )
    print(
        f"     queries per page: 10k {small['office']['queries']} / {small['all']['queries']}, "
        f"{large_count:,} {large['office']['queries']} / {large['all']['queries']}; "
        f"seeding {small_seed:.0f} s + {large_seed:.0f} s"
    )
    return {
        # The full size keeps a key of its own, so a default run does not overwrite its figures.
        "P9_full" if FULL else "P9": {
            "goal": GOAL,
            "met": met,
            "ratio": round(ratio, 2),
            "appointments": {"small": small_count, "large": large_count},
            "one_office_year_ms": {"small": small["office"]["ms"], "large": large["office"]["ms"]},
            "all_offices_year_ms": {"small": small["all"]["ms"], "large": large["all"]["ms"]},
            "queries": {"one_office": large["office"]["queries"], "all_offices": large["all"]["queries"]},
            "seed_seconds": {"small": round(small_seed), "large": round(large_seed)},
            "measured_at": timezone.now().date().isoformat(),
        }
    }
