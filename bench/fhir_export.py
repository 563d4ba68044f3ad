"""F1: the FHIR bulk export (interop.export) at 2,000 and 20,000 patients (BENCH_FULL=1: 10,000 and 100,000).

Patients are seeded in one INSERT ... SELECT over generate_series (the ORM would take longer
than the export), half of them insured so the Coverage file has rows too. The export runs
exactly as the Celery task does (``interop.export.run``), into a scratch folder.

Measured at each size: wall time, the files' total size, and the process's peak resident
memory. The export streams rows in chunks, so time and size should grow linearly (goal:
time(100k)/time(10k) at most 12, i.e. within 20% of 10) and memory should not grow with
the practice. The two sizes are measured one after the other in one run (the table grows
in between), so the ratio is not side by side. `python -m bench fhir_export`, once: the
100k size takes minutes on a shared machine. FHIR_BENCH_SIZES=10000 measures the small size only.
"""

import os
import resource
import tempfile
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test.utils import override_settings

from clinic.roles import sync_role_groups
from interop import export
from interop.models import BulkExport

FULL = os.environ.get("BENCH_FULL") == "1"
SIZES = tuple(int(n) for n in os.environ.get("FHIR_BENCH_SIZES", "10000,100000" if FULL else "2000,20000").split(","))
# time(large) / time(small) for sizes ten times apart: linear is 10; up to 12 is linear within the machine's noise.
GOAL = 12.0

SEED = """
INSERT INTO intake_patient
    (first_name, last_name, preferred_name, date_of_birth, sex_at_birth, phone, email,
     address_line1, address_line2, city, state, postal_code, preferred_office_id,
     preferred_language, preferred_contact, insurance_payer, insurance_member_id,
     emergency_contact_name, emergency_contact_phone, emergency_contact_relation,
     sms_consent, sms_consent_at, email_consent, email_consent_at, user_id, created_at, updated_at)
SELECT
    'Given' || g, 'Family' || (g %% 5000), '', DATE '1940-01-01' + (g %% 23000)::int,
    (ARRAY['F', 'M', 'X', 'U'])[1 + g %% 4],
    '+1503' || lpad(((2000000 + g) %% 10000000)::text, 7, '2'),
    'patient' || g || '@example.test',
    g || ' Oak Street', '', 'Danville', 'CA', '94526', NULL,
    (ARRAY['en', 'es'])[1 + g %% 2], 'phone',
    CASE WHEN g %% 2 = 0 THEN 'Aetna' ELSE '' END,
    CASE WHEN g %% 2 = 0 THEN 'W' || lpad(g::text, 9, '0') ELSE '' END,
    '', '', '', false, NULL, false, NULL, NULL, now(), now()
FROM generate_series(%(first)s::bigint, %(last)s::bigint) AS g
"""


def seed(first: int, last: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute(SEED, {"first": first, "last": last})
        cursor.execute("ANALYZE intake_patient")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(requested_by) -> dict:
    job = BulkExport.objects.create(requested_by=requested_by)
    started = time.perf_counter()
    export.run(job.pk)
    seconds = time.perf_counter() - started
    job.refresh_from_db()
    assert job.status == BulkExport.Status.DONE, job.error
    return {
        "seconds": round(seconds, 2),
        "resources": job.rows_total,
        "bytes": sum(info["bytes"] for info in job.files.values()),
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }


def run(url: str) -> dict:
    call_command("migrate", verbosity=0)
    sync_role_groups()
    admin = get_user_model().objects.create(username="bench-fhir-admin")
    results = {}
    seeded = 0
    with tempfile.TemporaryDirectory() as folder:
        storages = {
            **settings.STORAGES,
            export.STORAGE: {**settings.STORAGES[export.STORAGE], "OPTIONS": {"location": folder}},
        }
        with override_settings(STORAGES=storages):
            for size in SIZES:
                seed(seeded + 1, size)
                seeded = size
                print(f"  seeded {size:,} patients", flush=True)
                results[size] = measure(admin)
                got = results[size]
                print(
                    f"F1   {size:>7,} patients: {got['resources']:,} resources in {got['seconds']:.1f} s, "
                    f"{got['bytes'] / 1e6:.1f} MB of NDJSON, peak memory {got['peak_rss_mb']:.0f} MB",
                    flush=True,
                )
    figures: dict = {"sizes": {str(size): got for size, got in results.items()}}
    if len(results) > 1:
        small, large = results[SIZES[0]], results[SIZES[-1]]
        ratio = large["seconds"] / small["seconds"]
        figures.update(
            time_ratio=round(ratio, 2),
            size_ratio=round(large["bytes"] / small["bytes"], 2),
            goal=GOAL,
            met=ratio <= GOAL,
        )
        print(
            f"F1   {SIZES[-1]:,} vs {SIZES[0]:,} patients (not side by side): time x{ratio:.2f} "
            f"(goal at most {GOAL}), size x{figures['size_ratio']}; "
            f"peak memory {small['peak_rss_mb']:.0f} MB then {large['peak_rss_mb']:.0f} MB"
        )
    # The full size keeps a key of its own, so a default run does not overwrite its figures.
    return {"F1_full" if FULL else "F1": figures}
